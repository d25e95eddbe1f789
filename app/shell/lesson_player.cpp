#include "lesson_player.hpp"

#include "deepstep/experiment.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLocale>
#include <QVBoxLayout>

namespace deepstep::studio {

LessonPlayer::LessonPlayer(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      text_(new QTextBrowser(this)),
      previous_(new QPushButton(this)),
      position_(new QLabel(this)),
      next_(new QPushButton(this)),
      stepThrough_(new QPushButton(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    title_->setWordWrap(true);
    QFont big = title_->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    title_->setFont(big);
    layout->addWidget(title_);
    text_->setOpenExternalLinks(true);
    layout->addWidget(text_, 1);
    auto* row = new QHBoxLayout;
    row->addWidget(previous_);
    row->addWidget(position_);
    row->addWidget(next_);
    row->addStretch(1);
    stepThrough_->setDefault(true);
    row->addWidget(stepThrough_);
    layout->addLayout(row);
    connect(previous_, &QPushButton::clicked, this, [this] { goToStep(step_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { goToStep(step_ + 1); });
    connect(stepThrough_, &QPushButton::clicked, this, [this] {
        const QString path = experimentOfStep();
        if (!path.isEmpty()) emit stepThroughRequested(path);
    });
    retranslateUi();
}

void LessonPlayer::showLesson(const Lesson& lesson) {
    lesson_ = lesson;
    step_ = 0;
    render();
}

void LessonPlayer::goToStep(int index) {
    if (index < 0 || index >= lesson_.steps.size()) return;
    step_ = index;
    render();
}

QString LessonPlayer::experimentOfStep() const {
    // A step without its own experiment keeps the one an earlier step loaded.
    for (int i = step_; i >= 0 && i < lesson_.steps.size(); --i) {
        if (!lesson_.steps[i].experimentPath.isEmpty()) return lesson_.steps[i].experimentPath;
    }
    return {};
}

void LessonPlayer::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void LessonPlayer::retranslateUi() {
    previous_->setText(tr("◀ Previous step"));
    next_->setText(tr("Next step ▶"));
    stepThrough_->setText(tr("Step through it"));
    stepThrough_->setToolTip(tr("Load this experiment into the step-by-step view"));
    render();
}

void LessonPlayer::render() {
    const int count = static_cast<int>(lesson_.steps.size());
    title_->setText(lesson_.title.isEmpty() ? tr("Choose a lesson on the left.") : lesson_.title);
    if (count == 0) {
        markdown_.clear();
    } else {
        const LessonStep& s = lesson_.steps[step_];
        markdown_ = s.markdown.isEmpty() ? describeExperiment(experimentOfStep()) : s.markdown;
    }
    text_->setMarkdown(markdown_);
    position_->setText(count > 0 ? tr("Step %1 of %2").arg(step_ + 1).arg(count) : QString());
    previous_->setVisible(count > 1);
    next_->setVisible(count > 1);
    position_->setVisible(count > 1);
    previous_->setEnabled(step_ > 0);
    next_->setEnabled(step_ + 1 < count);
    stepThrough_->setEnabled(!experimentOfStep().isEmpty());
}

namespace {

QString str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>())
                                                                  : QString();
}

// "sgd" or {"type": "sgd", "learning_rate": 0.5} → "sgd (learning_rate 0.5)".
QString component(const Json& j) {
    if (j.is_string()) return QString::fromStdString(j.get<std::string>());
    if (!j.is_object()) return QStringLiteral("?");
    QString text = str(j, "type");
    QStringList options;
    for (const auto& [key, value] : j.items()) {
        if (key == "type" || key == "inputs" || key == "targets" || key == "classes") continue;
        options << QStringLiteral("%1 %2").arg(QString::fromStdString(key), QString::fromStdString(value.dump()));
    }
    if (!options.isEmpty()) text += QStringLiteral(" (") + options.join(QStringLiteral(", ")) + QLatin1Char(')');
    return text;
}

}  // namespace

QString LessonPlayer::describeExperiment(const QString& path) {
    if (path.isEmpty()) return {};
    Json doc;
    try {
        doc = readJsonFile(path.toStdString());
    } catch (const std::exception& e) {
        return tr("**This experiment cannot be read.**\n\n%1").arg(QString::fromStdString(e.what()));
    }
    // The name is the lesson's title, shown above the text already.
    QString md;
    // A description may be one string or {"en": …, "ko": …}.
    if (doc.contains("description")) {
        const Json& d = doc["description"];
        QString text = d.is_string() ? QString::fromStdString(d.get<std::string>()) : QString();
        if (d.is_object()) {
            const QString lang = tr("en", "language code of this translation");
            text = str(d, lang.toUtf8().constData());
            if (text.isEmpty()) text = str(d, "en");
        }
        if (!text.isEmpty()) md += text + QStringLiteral("\n\n");
    }
    QStringList layers;
    if (doc.contains("model") && doc["model"].contains("layers") && doc["model"]["layers"].is_array()) {
        for (const Json& l : doc["model"]["layers"]) {
            QString item = QStringLiteral("**%1**: %2").arg(str(l, "name"), str(l, "type"));
            if (l.contains("units") && l["units"].is_number_integer()) {
                // English has no translation file, so no plural forms: choose here.
                const int units = l["units"].get<int>();
                item += QLatin1Char(' ') + (units == 1 ? tr("1 unit") : tr("%1 units").arg(units));
            }
            const QString act = str(l, "activation");
            if (!act.isEmpty()) item += QStringLiteral(", ") + act;
            if (l.contains("parameters")) item += QStringLiteral(", ") + tr("initial weights given");
            layers << item;
        }
    }
    if (doc.contains("model") && doc["model"].contains("input")) {
        md += tr("- **Input:** %1 values").arg(QString::fromStdString(doc["model"]["input"].dump())) + QLatin1Char('\n');
    }
    if (!layers.isEmpty()) md += tr("- **Layers:** %1").arg(layers.join(QStringLiteral(" → "))) + QLatin1Char('\n');
    if (doc.contains("loss")) md += tr("- **Loss:** %1").arg(component(doc["loss"])) + QLatin1Char('\n');
    if (doc.contains("optimizer")) md += tr("- **Optimizer:** %1").arg(component(doc["optimizer"])) + QLatin1Char('\n');
    if (doc.contains("dataset")) md += tr("- **Data:** %1").arg(component(doc["dataset"])) + QLatin1Char('\n');
    if (doc.contains("training") && doc["training"].is_object()) {
        const Json& t = doc["training"];
        if (t.contains("epochs")) md += tr("- **Epochs:** %1").arg(t["epochs"].get<long long>()) + QLatin1Char('\n');
        if (t.contains("batch_size")) {
            const long long b = t["batch_size"].get<long long>();
            md += (b == 0 ? tr("- **Batch:** the whole data set per update") : tr("- **Batch:** %1 examples per update").arg(b)) +
                  QLatin1Char('\n');
        }
    }
    md += QLatin1Char('\n') +
          tr("Press **Step through it** to load this experiment into the step-by-step view. There you compute "
             "one layer at a time: the forward pass from the input, the backward pass from the loss, then the "
             "weight update. The Step menu lists the keyboard shortcuts.") +
          QLatin1Char('\n');
    return md;
}

}  // namespace deepstep::studio
