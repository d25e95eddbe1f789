#include "stepview/gradient_chain.hpp"

#include "deepstep/activation.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

namespace {

const QString kMinus = QStringLiteral(" − ");

/// Reads what the chain needs from one record, for one example.
class ChainBuilder {
public:
    ChainBuilder(StepSession& session, const NetworkLayout& layout, const StepRecord& record, int example)
        : session_(session), layout_(layout), record_(record), n_(example) {}

    std::vector<ChainFactor> delta(int m, int u);
    std::vector<ChainFactor> gradOfOutput(int m, int u);
    QStringList lines;
    bool fused = false;

private:
    const LayerRecord& layer(int m) const {
        return record_.layers.at(static_cast<std::size_t>(layout_.networkLayer(m)));
    }
    double at(const Tensor& t, int u) const { return sampleValue(t, n_, u).value_or(std::nan("")); }
    QString lossFormula(int u) const;
    ChainFactor activationFactor(int m, int u) const;
    void addLine(const QString& line) {
        if (!lines.contains(line)) lines << line;
    }
    QString deltaLine(int m, int u, const std::vector<ChainFactor>& f) const;

    StepSession& session_;
    const NetworkLayout& layout_;
    const StepRecord& record_;
    int n_;
};

QString ChainBuilder::lossFormula(int u) const {
    const QString o = layout_.unitName(layout_.layerCount() - 1, u);
    const QString t = QStringLiteral("t") + QString::number(u + 1);
    const Json& loss = session_.experimentJson().value("loss", Json::object());
    const std::string type = loss.value("type", std::string());
    QString f;
    if (type == "mse") {
        f = loss.value("half", false) ? QStringLiteral("(%1%2%3)").arg(o, kMinus, t)
                                      : QStringLiteral("2(%1%2%3)").arg(o, kMinus, t);
    } else if (type == "mae") {
        f = QStringLiteral("sign(%1%2%3)").arg(o, kMinus, t);
    } else if (type == "binary_cross_entropy") {
        f = QStringLiteral("(%1%2%3) / (%1(1 − %1))").arg(o, kMinus, t);
    } else if (type == "categorical_cross_entropy") {
        f = QStringLiteral("−%1 / %2").arg(t, o);
    } else {
        return QStringLiteral("∂E/∂") + o;
    }
    const auto batch = record_.target.batch();
    if (batch > 1) f += QStringLiteral(" / %1").arg(batch);
    return f;
}

/// An activation's derivative formula in the letters z and a, with the unit's own
/// names put in: "a(1 − a)" becomes "h1(1 − h1)". A letter inside a word stays.
QString withUnitNames(const std::string& formula, const QString& z, const QString& a) {
    const QString f = QString::fromStdString(formula);
    QString out;
    for (qsizetype i = 0; i < f.size(); ++i) {
        const bool alone = (i == 0 || !f[i - 1].isLetter()) && (i + 1 == f.size() || !f[i + 1].isLetter());
        if (alone && f[i] == QLatin1Char('z')) {
            out += z;
        } else if (alone && f[i] == QLatin1Char('a')) {
            out += a;
        } else {
            out += f[i];
        }
    }
    return out;
}

/// f′(z) from the activation itself: its backward pass with ∂E/∂a = 1.
double derivativeAt(const Activation& activation, double z) {
    const Tensor zt(Shape{1, 1}, static_cast<float>(z));
    const Tensor dz = activation.backward(zt, activation.forward(zt), Tensor(Shape{1, 1}, 1.0F));
    return dz.empty() ? std::nan("") : static_cast<double>(dz[0]);
}

ChainFactor ChainBuilder::activationFactor(int m, int u) const {
    const LayerRecord& r = layer(m);
    const QString a = layout_.unitName(m, u);
    const QString z = QStringLiteral("z_") + a;
    const Activation* act = layout_.activationOf(m);
    const double zv = at(r.preActivation, u);
    ChainFactor f;
    f.meaning = QStringLiteral("∂%1/∂%2").arg(a, z);
    const std::string formula = act ? act->derivativeFormula(zv) : std::string();
    f.formula = formula.empty() ? QStringLiteral("f′(%1)").arg(z) : withUnitNames(formula, z, a);
    const double gOut = at(r.gradOutput, u);
    const double gPre = at(r.gradPreActivation, u);
    if (gOut != 0.0 && std::isfinite(gOut)) {
        f.value = gPre / gOut;
    } else {
        // δ = 0 · f′ says nothing about f′: ask the activation for its slope at z.
        f.value = act && std::isfinite(zv) ? derivativeAt(*act, zv) : std::nan("");
    }
    return f;
}

QString ChainBuilder::deltaLine(int m, int u, const std::vector<ChainFactor>& f) const {
    QStringList meanings;
    QStringList values;
    for (const ChainFactor& x : f) {
        meanings << x.meaning;
        values << formatNumber(x.value);
    }
    const QString name = QStringLiteral("δ_") + layout_.unitName(m, u);
    const QString value = formatNumber(at(layer(m).gradPreActivation, u));
    if (f.size() == 1) return QStringLiteral("%1 = %2 = %3").arg(name, meanings.join(QStringLiteral(" · ")), value);
    return QStringLiteral("%1 = %2 = %3 = %4")
        .arg(name, meanings.join(QStringLiteral(" · ")), values.join(QStringLiteral(" × ")), value);
}

std::vector<ChainFactor> ChainBuilder::delta(int m, int u) {
    const LayerRecord& r = layer(m);
    const QString a = layout_.unitName(m, u);
    const bool last = m == layout_.layerCount() - 1;
    if (last && record_.fusedLoss) {
        fused = true;
        const QString o = a;
        const QString t = QStringLiteral("t") + QString::number(u + 1);
        QString formula = QStringLiteral("(%1%2%3)").arg(o, kMinus, t);
        if (record_.target.batch() > 1) formula += QStringLiteral(" / %1").arg(record_.target.batch());
        addLine(QStringLiteral("%1 = %2, %3 = %4")
                    .arg(o, formatNumber(at(r.output, u)), t, formatNumber(at(record_.target, u))));
        return {ChainFactor{QStringLiteral("∂E/∂z_") + a, formula, at(r.gradPreActivation, u)}};
    }
    if (r.gradPreActivation.empty()) {
        return {ChainFactor{QStringLiteral("∂E/∂z_") + a, QStringLiteral("δ_") + a, std::nan("")}};
    }
    if (r.activation == "softmax") {
        // Not elementwise: δ_j mixes every output of the sample, so it is one factor.
        return {ChainFactor{QStringLiteral("∂E/∂z_") + a, QStringLiteral("Σ_k ∂E/∂a_k · ∂a_k/∂z_j"),
                            at(r.gradPreActivation, u)}};
    }
    std::vector<ChainFactor> f = gradOfOutput(m, u);
    f.push_back(activationFactor(m, u));
    return f;
}

std::vector<ChainFactor> ChainBuilder::gradOfOutput(int m, int u) {
    const LayerRecord& r = layer(m);
    const QString a = layout_.unitName(m, u);
    const int count = layout_.layerCount();
    if (m == count - 1) {
        const QString t = QStringLiteral("t") + QString::number(u + 1);
        addLine(QStringLiteral("%1 = %2, %3 = %4")
                    .arg(a, formatNumber(at(r.output, u)), t, formatNumber(at(record_.target, u))));
        return {ChainFactor{QStringLiteral("∂E/∂") + a, lossFormula(u), at(r.gradOutput, u)}};
    }
    const int next = m + 1;
    const std::string& w = layout_.weightParameter(next);
    const int width = layout_.width(next);
    const bool nextOwnRecord = layout_.isNetworkLayer(next);
    if (nextOwnRecord && !w.empty() && width >= 1) {
        const ParameterRecord* pw = findParameter(record_, w);
        if (pw && width == 1) {
            // One path only: the chain continues through that unit's δ and the weight.
            std::vector<ChainFactor> f = delta(next, 0);
            f.push_back(ChainFactor{QStringLiteral("∂z_%1/∂%2").arg(layout_.unitName(next, 0), a),
                                    layout_.weightName(w, u, 0),
                                    layout_.connection(pw->value, next, u, 0).value_or(std::nan(""))});
            return f;
        }
        if (pw) {
            QStringList terms;
            QStringList numbers;
            for (int k = 0; k < width; ++k) {
                const std::vector<ChainFactor> dk = delta(next, k);
                addLine(deltaLine(next, k, dk));
                const QString wn = layout_.weightName(w, u, k);
                terms << QStringLiteral("δ_%1 · %2").arg(layout_.unitName(next, k), wn);
                numbers << QStringLiteral("%1 × %2").arg(formatNumber(at(layer(next).gradPreActivation, k)),
                                                         formatNumber(layout_.connection(pw->value, next, u, k).value_or(0.0)));
            }
            addLine(QStringLiteral("∂E/∂%1 = %2 = %3 = %4")
                        .arg(a, terms.join(QStringLiteral(" + ")), numbers.join(QStringLiteral(" + ")),
                             formatNumber(at(r.gradOutput, u))));
            return {ChainFactor{QStringLiteral("∂E/∂") + a, QStringLiteral("Σ_k δ_k · w"), at(r.gradOutput, u)}};
        }
    }
    const LayerRecord& nr = layer(next);
    if (nextOwnRecord && layout_.isOneToOne(next) && layout_.activationOf(next) && nr.activation != "softmax" &&
        !nr.gradPreActivation.empty()) {
        // The next layer's z is this layer's output, so ∂E/∂a here is its δ.
        return delta(next, u);
    }
    return {ChainFactor{QStringLiteral("∂E/∂") + a,
                        GradientChain::tr("from layer %1 (%2)")
                            .arg(QString::fromStdString(layout_.layerName(next)), QString::fromStdString(layout_.layerType(next))),
                        at(r.gradOutput, u)}};
}

}  // namespace

GradientChain GradientChain::build(StepSession& session, const std::string& parameter, int row, int col,
                                   int example) {
    GradientChain c;
    c.example = example;
    if (!session.isLoaded()) return c;
    const NetworkLayout layout(session);
    const int l = layout.layerOfParameter(parameter);
    const StepRecord* record = session.record();
    const bool isWeight = l >= 0 && layout.weightParameter(l) == parameter;
    const bool isBias = l >= 0 && layout.biasParameter(l) == parameter;
    c.target = QStringLiteral("∂E/∂") + layout.weightName(parameter, row, col);
    c.elementLabel = isBias ? QStringLiteral("%1[%2]").arg(QString::fromStdString(parameter)).arg(col)
                            : QStringLiteral("%1[%2][%3]").arg(QString::fromStdString(parameter)).arg(row).arg(col);
    // A connection weight is addressed as drawn, from input `row` to unit `col`, however it is stored.
    const auto element = [&](const Tensor& t) {
        return isWeight ? layout.connection(t, l, row, col) : matrixValue(t, row, col);
    };
    if (const Tensor* shown = session.shownValue(parameter)) c.valueBefore = element(*shown);
    if (l < 0 || !c.valueBefore) {
        c.status = Status::Invalid;
        return c;
    }
    if (!record) {
        c.status = Status::NoRecord;
        return c;
    }
    const ParameterRecord* p = findParameter(*record, parameter);
    if (!p) {
        c.status = Status::Invalid;
        return c;
    }
    c.valueBefore = element(p->value);
    c.batchSize = static_cast<int>(record->target.batch());
    c.example = std::clamp(example, 0, std::max(0, c.batchSize - 1));
    const TrainingSettings& training = session.training();
    c.weightDecay = (training.l1 != 0.0 || training.l2 != 0.0) && isWeight;
    if (!session.backwardShown(layout.networkLayer(l))) {
        c.status = Status::NotYetComputed;
        return c;
    }
    c.recordGradient = element(p->grad);
    if (session.updateShown()) {
        c.update = element(p->update);
        c.valueAfter = element(p->valueAfter);
    }
    // Inside a composite only the engine's gradient is known: the record holds no z or δ there.
    if ((!isWeight && !isBias) || layout.width(l) < 1 || !layout.isNetworkLayer(l)) {
        c.status = Status::Unsupported;
        return c;
    }
    ChainBuilder b(session, layout, *record, c.example);
    c.factors = b.delta(l, col);
    const QString z = QStringLiteral("z_") + layout.unitName(l, col);
    if (isWeight) {
        const auto x =
            sampleValue(record->layers.at(static_cast<std::size_t>(layout.networkLayer(l))).input, c.example, row);
        c.factors.push_back(ChainFactor{QStringLiteral("∂%1/∂%2").arg(z, layout.weightName(parameter, row, col)),
                                        layout.unitName(l - 1, row), x.value_or(std::nan(""))});
    } else {
        c.factors.push_back(ChainFactor{QStringLiteral("∂%1/∂%2").arg(z, layout.biasName(l, col)),
                                        QStringLiteral("1"), 1.0});
    }
    c.derivation = b.lines;
    c.fused = b.fused;
    if (const Activation* act = layout.activationOf(l)) {
        const LayerRecord& r = record->layers.at(static_cast<std::size_t>(layout.networkLayer(l)));
        const auto zv = sampleValue(r.preActivation, c.example, col);
        c.activation = QString::fromStdString(act->name());
        c.derivative = QString::fromStdString(act->derivativeFormula(zv.value_or(0.0)));
    }
    c.status = Status::Ready;
    return c;
}

double GradientChain::product() const {
    double p = 1.0;
    for (const ChainFactor& f : factors) p *= f.value;
    return p;
}

QString GradientChain::meaningLine() const {
    QStringList s;
    for (const ChainFactor& f : factors) s << f.meaning;
    return s.join(QStringLiteral(" · "));
}

QString GradientChain::formulaLine() const {
    QStringList s;
    for (const ChainFactor& f : factors) s << f.formula;
    return s.join(QStringLiteral(" · "));
}

QString GradientChain::valueLine() const {
    QStringList s;
    for (const ChainFactor& f : factors) s << formatNumber(f.value);
    return s.join(QStringLiteral(" × "));
}

}  // namespace deepstep::studio
