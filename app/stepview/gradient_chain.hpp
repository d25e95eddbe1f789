#pragma once
// GradientChain: ∂E/∂w of one weight written as the chain rule, with the numbers of
// the current step substituted.
//
// For a connection weight W[i][j] of layer l (Layer::describe()):   ∂E/∂w = δ_j(l) · a_i(l−1)
//   δ of the last layer    = ∂E/∂o · f′(z)          (or the fused (o − t)/N)
//   δ of a hidden layer    = (Σ_k δ_k(l+1) · w_jk) · f′(z)
// Where the next layer has a single unit the sum has one term and the chain is
// written out factor by factor down to the input, as in the lecture's ∂E/∂w1.
//
// Every number is read from the session's StepRecord: ∂E/∂a is the layer's
// gradOutput, δ its gradPreActivation, f′(z) = δ / ∂E/∂a for elementwise activations,
// a_i its input, w the parameter's value before the update. For a batch the engine's
// gradient is the sum of the examples' chains (the loss's 1/N is inside ∂E/∂o); the
// chain is that of one example and `recordGradient` is the engine's total.

#include "stepview/step_values.hpp"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace deepstep::studio {

struct ChainFactor {
    QString meaning;  ///< the derivative this factor is, e.g. "∂o1/∂z_o1"
    QString formula;  ///< its formula in the lecture's notation, e.g. "o1(1 − o1)"
    double value = 0.0;
};

class GradientChain {
    Q_DECLARE_TR_FUNCTIONS(GradientChain)

public:
    enum class Status {
        Ready,           ///< factors and numbers are filled in
        NoRecord,        ///< no step computed yet
        NotYetComputed,  ///< the backward pass has not reached this layer
        Unsupported,     ///< not a connection weight or bias of a network layer: only the engine's gradient is known
        Invalid          ///< no such parameter or element
    };

    /// Builds the chain of `parameter`[row][col] for example `example` of the batch,
    /// with what the session has revealed.
    static GradientChain build(StepSession& session, const std::string& parameter, int row, int col, int example);

    Status status = Status::NoRecord;
    QString target;          ///< "∂E/∂w7"
    QString elementLabel;    ///< "out.weight[0][0]"
    std::vector<ChainFactor> factors;
    QStringList derivation;  ///< the values the factors are read from and the δ sums, output first
    std::optional<double> recordGradient;  ///< the engine's ∂E/∂w (batch total)
    std::optional<double> valueBefore;
    std::optional<double> update;  ///< Δw, once the update is revealed
    std::optional<double> valueAfter;
    int batchSize = 0;
    int example = 0;
    bool weightDecay = false;  ///< the engine's gradient includes an L1/L2 term
    bool fused = false;        ///< the last layer's δ came from the fused loss
    QString activation;        ///< the unit's activation ("sigmoid"), when it has one
    QString derivative;        ///< its Activation::derivativeFormula at the unit's z, in z and a; may be empty

    /// Product of the factor values: this example's share of the gradient.
    double product() const;
    /// "∂E/∂o1 · ∂o1/∂z_o1 · ∂z_o1/∂w7" and "(o1 − t1) · o1(1 − o1) · h1".
    QString meaningLine() const;
    QString formulaLine() const;
    /// "0.7414 × 0.1918 × 0.4378"
    QString valueLine() const;
};

}  // namespace deepstep::studio
