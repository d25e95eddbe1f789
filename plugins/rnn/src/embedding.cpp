// embedding: token ids → vectors, a row of the weight per id.
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"
#include "deepstep/rnn/rnn.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace deepstep::rnn {

EmbeddingLayer::EmbeddingLayer(const EmbeddingOptions& options) : options_(options) {
    if (options_.vocabulary == 0) throw InputError("embedding.vocabulary", "expected a positive integer, got 0");
    if (options_.dimensions == 0) throw InputError("embedding.dimensions", "expected a positive integer, got 0");
    if (options_.init != "normal" && options_.init != "uniform" && options_.init != "xavier") {
        throw InputError("embedding.init", "expected one of normal, uniform, xavier, got \"" + options_.init + "\"");
    }
}

Shape EmbeddingLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 1 || inputSample[0] == 0) {
        throw InputError("embedding", "expected token ids N·T (one sample: T ids), got samples of shape " +
                                          inputSample.str());
    }
    steps_ = inputSample[0];
    checkParameterMemory(static_cast<long double>(options_.vocabulary) * static_cast<long double>(options_.dimensions),
                         "vocabulary", "an embedding of " + std::to_string(options_.vocabulary) + " ids in " +
                                           std::to_string(options_.dimensions) + " dimensions");
    weight_.value = Tensor(Shape{options_.vocabulary, options_.dimensions});
    if (options_.init == "normal") {
        init::normal(weight_.value, rng, 0.0F, options_.initScale);
    } else if (options_.init == "uniform") {
        init::uniform(weight_.value, rng, -options_.initScale, options_.initScale);
    } else {
        init::xavier(weight_.value, rng, options_.vocabulary, options_.dimensions);
    }
    weight_.grad = Tensor(weight_.value.shape());
    built_ = true;
    return Shape{steps_, options_.dimensions};
}

Tensor EmbeddingLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (!built_) throw std::logic_error("embedding: forward() before build()");
    const Shape expected = Shape{steps_}.withBatch(x.batch());
    if (x.shape() != expected) throw InputError("embedding", "expected input " + expected.str() + ", got " + x.shape().str());
    const std::size_t d = options_.dimensions;
    ids_.resize(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float v = x[i];
        if (!(v >= 0.0F) || v != std::floor(v) || v >= static_cast<float>(options_.vocabulary)) {
            throw InputError("embedding", "expected token ids, whole numbers from 0 to " +
                                              std::to_string(options_.vocabulary - 1) + ", got " + std::to_string(v) +
                                              " at sequence " + std::to_string(i / steps_) + ", step " +
                                              std::to_string(i % steps_));
        }
        ids_[i] = static_cast<std::size_t>(v);
    }
    Tensor y(Shape{x.batch(), steps_, d});
    for (std::size_t i = 0; i < ids_.size(); ++i)
        std::copy_n(weight_.value.data() + ids_[i] * d, d, y.data() + i * d);
    shape_ = x.shape();
    return y;
}

Tensor EmbeddingLayer::backward(const Tensor& dy) {
    backwardParameters(dy);
    // Ids are labels, not quantities: nothing flows back to them.
    return Tensor(shape_);
}

void EmbeddingLayer::backwardParameters(const Tensor& dy) {
    const std::size_t d = options_.dimensions;
    if (dy.size() != ids_.size() * d) {
        throw std::invalid_argument("embedding: gradient of shape " + dy.shape().str() + " for " +
                                    std::to_string(ids_.size()) + " ids");
    }
    std::fill(weight_.grad.values().begin(), weight_.grad.values().end(), 0.0F);
    for (std::size_t i = 0; i < ids_.size(); ++i) {
        float* row = weight_.grad.data() + ids_[i] * d;
        const float* g = dy.data() + i * d;
        for (std::size_t k = 0; k < d; ++k)
            row[k] += g[k];
    }
}

}  // namespace deepstep::rnn
