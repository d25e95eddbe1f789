#include "text_page.hpp"

#include "sequence_probe.hpp"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace deepstep::studio::rnn {

namespace {

QString htmlEscaped(char c) {
    switch (c) {
        case '<': return QStringLiteral("&lt;");
        case '>': return QStringLiteral("&gt;");
        case '&': return QStringLiteral("&amp;");
        case '\n': return QStringLiteral("↵<br>");
        default: return QString(QChar::fromLatin1(c));
    }
}

}  // namespace

TextPage::TextPage(QWidget* parent)
    : QWidget(parent),
      note_(new QLabel),
      unitLabel_(new QLabel),
      unit_(new QSpinBox),
      coloured_(new QTextBrowser),
      primeLabel_(new QLabel),
      prime_(new QLineEdit(QStringLiteral("The "))),
      lengthLabel_(new QLabel),
      length_(new QSpinBox),
      seedLabel_(new QLabel),
      seed_(new QSpinBox),
      temperatureLabel_(new QLabel),
      temperature_(new QSlider(Qt::Horizontal)),
      writeButton_(new QPushButton),
      written_(new QTextBrowser) {
    note_->setWordWrap(true);
    unit_->setRange(1, 1);
    length_->setRange(1, 2000);
    length_->setValue(200);
    seed_->setRange(0, 999999);
    seed_->setValue(1);
    temperature_->setRange(10, 200);  // hundredths
    temperature_->setValue(80);
    temperature_->setMinimumWidth(160);
    prime_->setMaxLength(200);

    auto* unitRow = new QHBoxLayout;
    unitRow->addWidget(unitLabel_);
    unitRow->addWidget(unit_);
    unitRow->addStretch(1);
    auto* writeRow = new QHBoxLayout;
    writeRow->addWidget(primeLabel_);
    writeRow->addWidget(prime_, 1);
    writeRow->addWidget(lengthLabel_);
    writeRow->addWidget(length_);
    writeRow->addWidget(seedLabel_);
    writeRow->addWidget(seed_);
    writeRow->addWidget(temperatureLabel_);
    writeRow->addWidget(temperature_, 1);
    writeRow->addWidget(writeButton_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note_);
    layout->addLayout(unitRow);
    layout->addWidget(coloured_, 1);
    layout->addLayout(writeRow);
    layout->addWidget(written_, 1);

    connect(unit_, &QSpinBox::valueChanged, this, [this] { recolour(); });
    connect(temperature_, &QSlider::valueChanged, this, [this] { updateTemperatureLabel(); });
    // A new text when the slider is let go (not on every pixel of a drag).
    connect(temperature_, &QSlider::sliderReleased, this, [this] { write(); });
    connect(writeButton_, &QPushButton::clicked, this, [this] { write(); });
    retranslateUi();
    setModel(nullptr, {}, nullptr);
}

void TextPage::setModel(Network* net, const std::vector<std::string>& classNames, const Dataset* text) {
    net_ = net;
    text_ = text;
    generator_.reset();
    if (net_ != nullptr && text_ != nullptr) {
        if (const auto vocabulary = characterVocabulary(classNames); vocabulary && isCharacterModel(*net_, *vocabulary))
            generator_.emplace(*net_, *vocabulary);
    }
    for (QWidget* w : std::initializer_list<QWidget*>{unit_, prime_, length_, seed_, temperature_, writeButton_})
        w->setEnabled(usable());
    written_->clear();
    retranslateUi();
    refresh();
}

void TextPage::refresh() {
    lastHidden_.clear();
    units_ = 0;
    if (usable()) {
        const std::size_t count = std::min(kShownCharacters, text_->size());
        std::vector<std::size_t> indices(count);
        std::iota(indices.begin(), indices.end(), std::size_t{0});
        const Batch b = text_->gather(indices);
        lastHidden_ = lastHiddenStates(*net_, b.inputs, units_);
        // The character each window ends with: the text, one character per window.
        shown_.clear();
        lead_.clear();
        const std::size_t window = generator_->window();
        const std::size_t v = generator_->vocabulary().characters.size();
        const std::size_t width = b.inputs.sampleSize();
        const auto characterAt = [&](std::size_t n, std::size_t t) -> char {
            const float* step = b.inputs.data() + n * width + t * (width / window);
            std::size_t c = 0;
            if (width == window) {
                c = static_cast<std::size_t>(std::max(0.0F, step[0]));
            } else {
                const float* best = std::max_element(step, step + v);
                if (*best <= 0.0F) return ' ';  // an empty one-hot step
                c = static_cast<std::size_t>(best - step);
            }
            return generator_->vocabulary().characters[std::min(c, v - 1)];
        };
        // The first window's characters before its last one lead in, uncoloured: the
        // network has read no whole window there.
        if (count > 0)
            for (std::size_t t = 0; t + 1 < window; ++t)
                lead_ += QChar::fromLatin1(characterAt(0, t));
        for (std::size_t n = 0; n < count; ++n)
            shown_ += QChar::fromLatin1(characterAt(n, window - 1));
        unit_->setRange(1, std::max<int>(1, static_cast<int>(units_)));
    }
    recolour();
}

void TextPage::recolour() {
    activation_.clear();
    if (!usable() || units_ == 0) {
        coloured_->clear();
        return;
    }
    const auto j = static_cast<std::size_t>(unit_->value() - 1);
    QString html = QStringLiteral("<div style=\"font-family: monospace; font-size: 12pt; line-height: 150%\">");
    html += QStringLiteral("<span style=\"color:#888888\">");
    for (const QChar c : lead_)
        html += htmlEscaped(c.toLatin1());
    html += QStringLiteral("</span>");
    for (qsizetype n = 0; n < shown_.size(); ++n) {
        const float a = lastHidden_[static_cast<std::size_t>(n) * units_ + j];
        activation_.push_back(a);
        const double m = std::clamp(std::abs(static_cast<double>(a)), 0.0, 1.0);
        const int fade = static_cast<int>(255 * (1.0 - m));
        const QString colour = a < 0 ? QStringLiteral("#ff%1%1").arg(fade, 2, 16, QLatin1Char('0'))
                                     : QStringLiteral("#%1%1ff").arg(fade, 2, 16, QLatin1Char('0'));
        html += QStringLiteral("<span style=\"background-color:%1\" title=\"%2\">%3</span>")
                    .arg(colour)
                    .arg(static_cast<double>(a), 0, 'f', 3)
                    .arg(htmlEscaped(shown_.at(n).toLatin1()));
    }
    html += QStringLiteral("</div>");
    coloured_->setHtml(html);
}

void TextPage::setUnit(int unit) { unit_->setValue(unit + 1); }

int TextPage::mostVariedUnit() const {
    if (units_ == 0 || shown_.isEmpty()) return -1;
    const auto n = static_cast<std::size_t>(shown_.size());
    int best = 0;
    double bestVariance = -1.0;
    for (std::size_t j = 0; j < units_; ++j) {
        double mean = 0.0;
        for (std::size_t i = 0; i < n; ++i)
            mean += lastHidden_[i * units_ + j];
        mean /= static_cast<double>(n);
        double variance = 0.0;
        for (std::size_t i = 0; i < n; ++i) {
            const double d = lastHidden_[i * units_ + j] - mean;
            variance += d * d;
        }
        if (variance > bestVariance) {
            bestVariance = variance;
            best = static_cast<int>(j);
        }
    }
    return best;
}

void TextPage::setTemperature(double t) { temperature_->setValue(static_cast<int>(std::lround(std::clamp(t, 0.1, 2.0) * 100))); }

double TextPage::temperature() const { return temperature_->value() / 100.0; }

void TextPage::setPrime(const QString& prime) { prime_->setText(prime); }

QString TextPage::writtenText() const { return written_->toPlainText(); }

QString TextPage::noteText() const { return note_->text(); }

QString TextPage::write() {
    if (!usable()) return {};
    // Characters the model does not know are left out of the prime.
    std::string prime;
    for (const char c : prime_->text().toLatin1().toStdString())
        if (generator_->vocabulary().contains(c)) prime += c;
    if (prime.empty()) prime = std::string(1, generator_->vocabulary().characters.front());
    Rng rng(static_cast<std::uint64_t>(seed_->value()));
    const std::string text =
        generator_->generate(prime, static_cast<std::size_t>(length_->value()), temperature(), rng);
    written_->setPlainText(QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size())));
    return written_->toPlainText();
}

void TextPage::updateTemperatureLabel() {
    temperatureLabel_->setText(tr("Temperature %1:").arg(temperature(), 0, 'f', 2));
}

void TextPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void TextPage::retranslateUi() {
    note_->setText(usable() ? tr("Each character of the training text is coloured by the chosen unit's h after the "
                                 "network has read up to it: blue above zero, red below. Hover a character for "
                                 "its value. Below, the network writes: each next character is drawn from "
                                 "p^(1/T), so a low temperature repeats the likeliest characters and a high one "
                                 "takes more risks.")
                            : tr("The text view needs a character model (the fable lab): its inputs are "
                                 "characters and its outputs the next character's probabilities."));
    unitLabel_->setText(tr("Colour by unit:"));
    primeLabel_->setText(tr("Start with:"));
    lengthLabel_->setText(tr("Characters:"));
    seedLabel_->setText(tr("Seed:"));
    writeButton_->setText(tr("Write"));
    updateTemperatureLabel();
}

}  // namespace deepstep::studio::rnn
