#include "race/race_view.hpp"

#include "playground/playground_style.hpp"

#include "deepstep/errors.hpp"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

namespace {

constexpr int kDefaultSteps = 200;
// Samples of the surface behind the paths; drawn with smooth scaling.
constexpr int kGridWidth = 240;
constexpr int kGridHeight = 180;
constexpr int kContourLevels = 12;
// Playback reveals a whole race in about this many timer ticks.
constexpr int kTicksPerRace = 150;
constexpr int kTickMs = 30;

// Colours that stay apart from each other and from the pale surface.
QColor laneColour(std::size_t i) {
    static const QColor palette[] = {QColor(31, 119, 180),  QColor(214, 39, 40),  QColor(44, 160, 44),
                                     QColor(255, 127, 14),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(23, 190, 207),  QColor(188, 189, 34),
                                     QColor(60, 60, 60)};
    constexpr std::size_t n = sizeof(palette) / sizeof(palette[0]);
    if (i < n) return palette[i];
    // Past the palette: hues a golden angle apart.
    return QColor::fromHsv(static_cast<int>((i * 137) % 360), 200, 190);
}

QString number(double v) { return QString::number(v, 'g', 5); }

// Reads a number as a student types it: C or the UI's locale, a Unicode minus allowed.
bool parseNumber(QString text, double& out) {
    text = text.trimmed();
    text.replace(QChar(0x2212), QLatin1Char('-'));
    bool ok = false;
    double v = text.toDouble(&ok);
    if (!ok) v = QLocale().toDouble(text, &ok);
    if (!ok || !std::isfinite(v)) return false;
    out = v;
    return true;
}

}  // namespace

/// The surface as a heat map with contour lines, and each lane's path up to the shown step.
class RaceCanvas final : public QWidget {
public:
    explicit RaceCanvas(RaceView& view) : QWidget(&view), view_(view) {
        setMinimumSize(360, 260);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    /// Samples the surface again (after a change of surface).
    void resample() {
        const LossSurface& s = view_.surface();
        values_.assign(static_cast<std::size_t>(kGridWidth * kGridHeight), 0.0);
        for (int r = 0; r < kGridHeight; ++r)
            for (int c = 0; c < kGridWidth; ++c)
                values_[static_cast<std::size_t>(r * kGridWidth + c)] = s.value(gridX(c), gridY(r));
        // Shaded by rank of the value, as the CLI's map: the saddle's negative values and
        // Rosenbrock's steep walls both spread over every shade.
        const std::vector<std::size_t> ranks = rankOfEach(values_);
        image_ = QImage(kGridWidth, kGridHeight, QImage::Format_RGB32);
        const QColor low(70, 110, 170);
        const QColor high(250, 244, 225);
        for (int r = 0; r < kGridHeight; ++r)
            for (int c = 0; c < kGridWidth; ++c) {
                const double t = static_cast<double>(ranks[static_cast<std::size_t>(r * kGridWidth + c)]) /
                                 static_cast<double>(ranks.size());
                // Light overall so that the coloured paths stand out.
                const double u = std::pow(t, 0.6);
                image_.setPixel(c, r,
                                qRgb(static_cast<int>(low.red() + (high.red() - low.red()) * u),
                                     static_cast<int>(low.green() + (high.green() - low.green()) * u),
                                     static_cast<int>(low.blue() + (high.blue() - low.blue()) * u)));
            }
        // Contour lines at evenly spaced quantiles of the values.
        std::vector<double> sorted = values_;
        std::sort(sorted.begin(), sorted.end());
        levels_.clear();
        for (int k = 1; k < kContourLevels; ++k)
            levels_.push_back(sorted[sorted.size() * static_cast<std::size_t>(k) / kContourLevels]);
        update();
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.fillRect(rect(), palette().window());
        const QRectF area = plotArea();
        if (image_.isNull()) return;
        p.drawImage(area, image_);
        drawContours(p, area);

        const LossSurface& s = view_.surface();
        p.save();
        p.setClipRect(area);
        const int step = view_.currentStep();
        const auto& lanes = view_.lanes();
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            const auto& path = lanes[i].path;
            const std::size_t last = std::min(path.size() - 1, static_cast<std::size_t>(step));
            QPainterPath line(toWidget(area, path[0][0], path[0][1]));
            for (std::size_t k = 1; k <= last; ++k)
                line.lineTo(toWidget(area, path[k][0], path[k][1]));
            const QColor c = view_.colourOf(static_cast<int>(i));
            // Earlier lanes wider, so that a lane that retraces another (rosenblatt's
            // rule is sgd's) still shows as a border around it.
            const double width = lanes.size() > 1 ? 5.0 - 3.0 * static_cast<double>(i) / static_cast<double>(lanes.size() - 1) : 2.5;
            p.setPen(QPen(c, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPath(line);
            p.setPen(QPen(Qt::white, 1.5));
            p.setBrush(c);
            p.drawEllipse(toWidget(area, path[last][0], path[last][1]), 5.0, 5.0);
        }
        // The start (ring) and the minimum (cross), where the surface has one.
        p.setPen(QPen(Qt::black, 2.0));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(toWidget(area, s.startX, s.startY), 7.0, 7.0);
        if (s.minX != s.startX || s.minY != s.startY) {
            const QPointF m = toWidget(area, s.minX, s.minY);
            p.drawLine(m + QPointF(-7, -7), m + QPointF(7, 7));
            p.drawLine(m + QPointF(-7, 7), m + QPointF(7, -7));
        }
        p.restore();

        p.setPen(palette().windowText().color());
        p.drawRect(area);
        const QFontMetrics fm = fontMetrics();
        p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), fm.height()), Qt::AlignLeft,
                   QStringLiteral("x = %1").arg(number(s.xMin)));
        p.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), fm.height()), Qt::AlignRight,
                   QStringLiteral("x = %1").arg(number(s.xMax)));
        p.drawText(QRectF(0, area.top(), area.left() - 4, fm.height()), Qt::AlignRight, number(s.yMax));
        p.drawText(QRectF(0, area.bottom() - fm.height(), area.left() - 4, fm.height()), Qt::AlignRight,
                   number(s.yMin));
        p.drawText(QRectF(0, area.center().y() - fm.height() / 2.0, area.left() - 4, fm.height()), Qt::AlignRight,
                   QStringLiteral("y"));
    }

private:
    double gridX(int c) const {
        const LossSurface& s = view_.surface();
        return s.xMin + (s.xMax - s.xMin) * (c + 0.5) / kGridWidth;
    }
    double gridY(int r) const {
        const LossSurface& s = view_.surface();
        return s.yMax - (s.yMax - s.yMin) * (r + 0.5) / kGridHeight;
    }
    QRectF plotArea() const {
        const int left = fontMetrics().horizontalAdvance(QStringLiteral("-0.0000")) + 8;
        const int bottom = fontMetrics().height() + 6;
        return QRectF(left, 6, std::max(10, width() - left - 8), std::max(10, height() - bottom - 6));
    }
    QPointF toWidget(const QRectF& area, double x, double y) const {
        const LossSurface& s = view_.surface();
        return {area.left() + (x - s.xMin) / (s.xMax - s.xMin) * area.width(),
                area.top() + (s.yMax - y) / (s.yMax - s.yMin) * area.height()};
    }
    void drawContours(QPainter& p, const QRectF& area) const {
        p.save();
        p.setPen(QPen(QColor(40, 40, 60, 90), 1.0));
        for (double level : levels_)
            playground::drawContour(p, area, kGridWidth, kGridHeight, values_, level);
        p.restore();
    }

    RaceView& view_;
    std::vector<double> values_;
    std::vector<double> levels_;
    QImage image_;
};

RaceView::RaceView(const Registry& registry, QWidget* parent)
    : QWidget(parent),
      registry_(registry),
      surfaceLabel_(new QLabel),
      surfaceBox_(new QComboBox),
      rateLabel_(new QLabel),
      rateEdit_(new QLineEdit),
      stepsLabel_(new QLabel),
      stepsBox_(new QSpinBox),
      startLabel_(new QLabel),
      startX_(new QLineEdit),
      startY_(new QLineEdit),
      applyButton_(new QPushButton),
      playButton_(new QPushButton),
      stepButton_(new QPushButton),
      resetButton_(new QPushButton),
      stepLabel_(new QLabel),
      errorLabel_(new QLabel),
      titleLabel_(new QLabel),
      canvas_(nullptr),
      legend_(new QTableWidget(0, 3)),
      timer_(new QTimer(this)) {
    setObjectName(QStringLiteral("raceView"));
    canvas_ = new RaceCanvas(*this);
    for (const LossSurface& s : lossSurfaces())
        surfaceBox_->addItem(QString(), QString::fromStdString(s.name));
    stepsBox_->setRange(1, kMaxSteps);
    stepsBox_->setValue(kDefaultSteps);
    for (QLineEdit* e : {rateEdit_, startX_, startY_})
        e->setMaximumWidth(110);
    errorLabel_->setWordWrap(true);
    errorLabel_->setStyleSheet(QStringLiteral("color: #b00020;"));
    titleLabel_->setWordWrap(true);
    QFont titleFont = titleLabel_->font();
    titleFont.setBold(true);
    titleLabel_->setFont(titleFont);

    auto* controls = new QGridLayout;
    controls->addWidget(surfaceLabel_, 0, 0);
    controls->addWidget(surfaceBox_, 0, 1, 1, 2);
    controls->addWidget(rateLabel_, 1, 0);
    controls->addWidget(rateEdit_, 1, 1);
    controls->addWidget(stepsLabel_, 2, 0);
    controls->addWidget(stepsBox_, 2, 1);
    controls->addWidget(startLabel_, 3, 0);
    controls->addWidget(startX_, 3, 1);
    controls->addWidget(startY_, 3, 2);
    controls->addWidget(applyButton_, 4, 0, 1, 3);
    auto* playback = new QHBoxLayout;
    playback->addWidget(playButton_);
    playback->addWidget(stepButton_);
    playback->addWidget(resetButton_);
    controls->addLayout(playback, 5, 0, 1, 3);
    controls->addWidget(stepLabel_, 6, 0, 1, 3);
    controls->addWidget(errorLabel_, 7, 0, 1, 3);

    legend_->verticalHeader()->hide();
    legend_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    legend_->setSelectionMode(QAbstractItemView::NoSelection);
    legend_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Fixed);
    legend_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    legend_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    legend_->setColumnWidth(0, 24);

    auto* side = new QVBoxLayout;
    side->addLayout(controls);
    side->addWidget(legend_, 1);
    auto* sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setMaximumWidth(400);
    sideWidget->setMinimumWidth(300);

    auto* centre = new QVBoxLayout;
    centre->addWidget(titleLabel_);
    centre->addWidget(canvas_, 1);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(centre, 1);
    layout->addWidget(sideWidget);

    timer_->setInterval(kTickMs);
    connect(timer_, &QTimer::timeout, this, &RaceView::advance);
    connect(applyButton_, &QPushButton::clicked, this, &RaceView::applySettings);
    connect(playButton_, &QPushButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(stepButton_, &QPushButton::clicked, this, &RaceView::stepOnce);
    connect(resetButton_, &QPushButton::clicked, this, &RaceView::reset);
    connect(surfaceBox_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) selectSurface(surfaceBox_->itemData(index).toString());
    });
    for (QLineEdit* e : {rateEdit_, startX_, startY_})
        connect(e, &QLineEdit::returnPressed, this, &RaceView::applySettings);

    selectSurface(surfaceBox_->itemData(0).toString());
    retranslateUi();
}

bool RaceView::selectSurface(const QString& name) {
    const LossSurface* s = findLossSurface(name.toStdString());
    if (s == nullptr) return false;
    const int index = surfaceBox_->findData(name);
    if (surfaceBox_->currentIndex() != index) {
        surfaceBox_->setCurrentIndex(index);  // comes back here through the signal
        return errorText().isEmpty();
    }
    rateEdit_->setText(number(s->learningRate));
    startX_->setText(number(s->startX));
    startY_->setText(number(s->startY));
    return applySettings();
}

bool RaceView::applySettings() {
    const LossSurface* base = findLossSurface(surfaceBox_->currentData().toString().toStdString());
    if (base == nullptr) return false;
    QString error;
    double rate = 0.0;
    double x = 0.0;
    double y = 0.0;
    if (!parseNumber(rateEdit_->text(), rate) || rate <= 0.0) {
        error = tr("The learning rate must be a number greater than 0, not \"%1\".").arg(rateEdit_->text());
    } else if (!parseNumber(startX_->text(), x) || !parseNumber(startY_->text(), y)) {
        error = tr("The start point must be two numbers, not (%1, %2).").arg(startX_->text(), startY_->text());
    } else if (x < base->xMin || x > base->xMax || y < base->yMin || y > base->yMax) {
        error = tr("The start point must lie in the drawn region: x from %1 to %2, y from %3 to %4.")
                    .arg(number(base->xMin), number(base->xMax), number(base->yMin), number(base->yMax));
    }
    const int steps = stepsBox_->value();
    if (error.isEmpty() && (steps < 1 || steps > kMaxSteps)) {
        error = tr("The number of steps must be from 1 to %1.").arg(kMaxSteps);
    }
    if (error.isEmpty()) {
        LossSurface s = *base;
        s.startX = x;
        s.startY = y;
        // The saddle's "minimum" is its start: distance to it reads as distance travelled.
        if (base->minX == base->startX && base->minY == base->startY) {
            s.minX = x;
            s.minY = y;
        }
        try {
            std::vector<RaceLane> lanes = raceOptimizers(s, registry_, steps, rate);
            const bool surfaceChanged = s.name != surface_.name;
            surface_ = s;
            lanes_ = std::move(lanes);
            rate_ = rate;
            steps_ = steps;
            if (surfaceChanged) canvas_->resample();
            errorLabel_->clear();
            // The finished race is shown at once; Play runs it again from the start.
            pause();
            shown_ = steps_;
            retranslateUi();
            return true;
        } catch (const std::exception& e) {
            error = tr("An optimizer refused these settings: %1").arg(QString::fromUtf8(e.what()));
        }
    }
    errorLabel_->setText(error);
    return false;
}

QString RaceView::errorText() const { return errorLabel_->text(); }

QStringList RaceView::optimizers() const {
    QStringList names;
    for (const RaceLane& lane : lanes_)
        names << QString::fromStdString(lane.optimizer);
    return names;
}

bool RaceView::isPlaying() const { return timer_->isActive(); }

QColor RaceView::colourOf(int lane) const { return laneColour(static_cast<std::size_t>(lane)); }

QString RaceView::legendLossText(int lane) const {
    QTableWidgetItem* item = legend_->item(lane, 2);
    return item ? item->text() : QString();
}

void RaceView::play() {
    if (shown_ >= steps_) showStep(0);
    timer_->start();
    playButton_->setText(tr("Pause"));
}

void RaceView::pause() {
    timer_->stop();
    playButton_->setText(tr("Play"));
}

void RaceView::stepOnce() {
    pause();
    showStep(std::min(shown_ + 1, steps_));
}

void RaceView::reset() {
    pause();
    showStep(0);
}

void RaceView::advance() {
    const int stride = std::max(1, steps_ / kTicksPerRace);
    showStep(std::min(shown_ + stride, steps_));
    if (shown_ >= steps_) pause();
}

void RaceView::showStep(int step) {
    shown_ = std::clamp(step, 0, steps_);
    stepLabel_->setText(tr("Step %1 of %2").arg(shown_).arg(steps_));
    updateLegend();
    canvas_->update();
}

void RaceView::updateLegend() {
    legend_->setRowCount(static_cast<int>(lanes_.size()));
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
        const RaceLane& lane = lanes_[i];
        const int row = static_cast<int>(i);
        auto* swatch = new QTableWidgetItem;
        swatch->setBackground(colourOf(row));
        legend_->setItem(row, 0, swatch);
        legend_->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(lane.optimizer)));
        const std::size_t last = lane.path.size() - 1;
        QString loss;
        if (static_cast<std::size_t>(shown_) > last) {
            loss = tr("diverged at step %1").arg(last + 1);
        } else {
            loss = number(lane.path[static_cast<std::size_t>(shown_)][2]);
        }
        // A lane that retraces an earlier one exactly is drawn over it: say so.
        for (std::size_t j = 0; j < i; ++j) {
            if (lanes_[j].path == lane.path) {
                loss = tr("%1 (the path of %2)").arg(loss, QString::fromStdString(lanes_[j].optimizer));
                break;
            }
        }
        auto* lossItem = new QTableWidgetItem(loss);
        lossItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        legend_->setItem(row, 2, lossItem);
    }
}

void RaceView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) retranslateUi();
}

void RaceView::retranslateUi() {
    const std::string lang = playground::engineLanguage().toStdString();
    const auto& surfaces = lossSurfaces();
    for (int i = 0; i < surfaceBox_->count() && i < static_cast<int>(surfaces.size()); ++i)
        surfaceBox_->setItemText(i, QString::fromStdString(surfaces[static_cast<std::size_t>(i)].title.in(lang)));
    surfaceLabel_->setText(tr("Surface"));
    rateLabel_->setText(tr("Learning rate"));
    stepsLabel_->setText(tr("Steps"));
    startLabel_->setText(tr("Start (x, y)"));
    applyButton_->setText(tr("Run the race with these settings"));
    playButton_->setText(isPlaying() ? tr("Pause") : tr("Play"));
    stepButton_->setText(tr("Step"));
    resetButton_->setText(tr("Reset"));
    legend_->setHorizontalHeaderLabels({QString(), tr("Optimizer"), tr("Loss")});
    titleLabel_->setText(
        tr("%1 — every registered optimizer from (%2, %3), learning rate %4. Ring: start; cross: minimum.")
            .arg(QString::fromStdString(surface_.title.in(lang)), number(surface_.startX), number(surface_.startY),
                 number(rate_)));
    showStep(shown_);
}

}  // namespace deepstep::studio
