#include "export_tools.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

#include <QBuffer>
#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>
#include <QSvgGenerator>
#include <QWidget>

#include <sstream>

namespace deepstep::studio {

namespace {

QString cannotWrite(const QString& path, const QString& reason) {
    return QCoreApplication::translate("deepstep::studio::Export", "Cannot write %1: %2").arg(path, reason);
}

void setError(QString* error, const QString& message) {
    if (error != nullptr) *error = message;
}

}  // namespace

// The picture is drawn into memory and saved by writeFileAtomically, so that images
// get what every other saved file gets: special files refused, links written through,
// the replaced file's mode kept, no temporary file left by a crash.
bool exportWidgetPng(QWidget* widget, const QString& path, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const QPixmap image = widget->grab();
    if (image.isNull() || !image.save(&buffer, "PNG")) {
        setError(error, cannotWrite(path, QCoreApplication::translate("deepstep::studio::Export",
                                                                      "the view could not be drawn as PNG")));
        return false;
    }
    return writeTextFile(path, bytes.toStdString(), error);
}

bool exportWidgetSvg(QWidget* widget, const QString& path, const QString& title, QString* error) {
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(widget->size());
        svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
        svg.setTitle(title);
        svg.setDescription(QStringLiteral("DeepStep Studio"));
        QPainter painter(&svg);
        widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    return writeTextFile(path, bytes.toStdString(), error);
}

Json traceDocument(const StepRecord& step) {
    Trace trace;
    StepRecord* slot = trace.beginStep(step.iteration, step.epoch);
    *slot = step;
    return trace.toJson();
}

namespace {

void tensorRows(std::ostringstream& out, long long step, const std::string& name, const char* quantity,
                const Tensor& t) {
    if (t.size() == 0) return;
    std::vector<std::size_t> index(t.rank(), 0);
    const float* data = t.data();
    for (std::size_t k = 0; k < t.size(); ++k) {
        out << step << ',' << name << ',' << quantity << ",\"[";
        for (std::size_t d = 0; d < index.size(); ++d) out << (d ? "," : "") << index[d];
        out << "]\"," << QString::number(static_cast<double>(data[k]), 'g', 9).toStdString() << '\n';
        // Row-major: the last index runs fastest.
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < t.shape()[d]) break;
            index[d] = 0;
        }
    }
}

}  // namespace

std::string traceCsv(const StepRecord& step) {
    std::ostringstream out;
    out << "step,name,quantity,index,value\n";
    const long long it = step.iteration;
    out << it << ",loss,loss,," << QString::number(static_cast<double>(step.loss), 'g', 9).toStdString() << '\n';
    out << it << ",loss,penalty,," << QString::number(static_cast<double>(step.penalty), 'g', 9).toStdString()
        << '\n';
    for (const LayerRecord& l : step.layers) {
        tensorRows(out, it, l.name, "input", l.input);
        tensorRows(out, it, l.name, "pre_activation", l.preActivation);
        tensorRows(out, it, l.name, "output", l.output);
        tensorRows(out, it, l.name, "grad_output", l.gradOutput);
        tensorRows(out, it, l.name, "grad_pre_activation", l.gradPreActivation);
        tensorRows(out, it, l.name, "grad_input", l.gradInput);
    }
    for (const ParameterRecord& p : step.parameters) {
        tensorRows(out, it, p.name, "value", p.value);
        tensorRows(out, it, p.name, "grad", p.grad);
        tensorRows(out, it, p.name, "update", p.update);
        tensorRows(out, it, p.name, "value_after", p.valueAfter);
    }
    return out.str();
}

bool writeTextFile(const QString& path, const std::string& text, QString* error) {
    try {
        writeFileAtomically(path.toStdString(), text);
        return true;
    } catch (const std::exception& e) {
        setError(error, QString::fromStdString(e.what()));
        return false;
    }
}

}  // namespace deepstep::studio
