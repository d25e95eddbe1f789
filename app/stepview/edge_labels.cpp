#include "edge_labels.hpp"

#include <algorithm>
#include <cmath>

namespace deepstep::studio {

std::vector<QRectF> placeEdgeLabels(const std::vector<EdgeLabelRequest>& labels,
                                    const std::vector<QRectF>& obstacles, const QRectF& bounds) {
    constexpr int kSteps = 28;  // fractions 0.15 … 0.85 in steps of 0.025
    constexpr double kFirst = 0.15;
    constexpr double kLast = 0.85;
    constexpr double kGap = 2.0;  // kept free around each label so borders do not touch
    std::vector<QRectF> placed;
    placed.reserve(labels.size());
    std::vector<QRectF> taken;
    const auto free = [&](const QRectF& r) {
        if (!bounds.contains(r)) return false;
        const QRectF padded = r.adjusted(-kGap, -kGap, kGap, kGap);
        const auto hits = [&](const QRectF& o) { return padded.intersects(o); };
        return std::none_of(obstacles.begin(), obstacles.end(), hits) && std::none_of(taken.begin(), taken.end(), hits);
    };
    for (const EdgeLabelRequest& l : labels) {
        std::vector<double> fractions;
        for (int i = 0; i <= kSteps; ++i) fractions.push_back(kFirst + (kLast - kFirst) * i / kSteps);
        const double preferred = std::clamp(l.preferred, kFirst, kLast);
        std::stable_sort(fractions.begin(), fractions.end(), [preferred](double a, double b) {
            return std::fabs(a - preferred) < std::fabs(b - preferred);
        });
        QRectF chosen;
        for (double t : fractions) {
            const QPointF at = l.from + t * (l.to - l.from);
            const QRectF r(at.x() - l.size.width() / 2, at.y() - l.size.height() / 2, l.size.width(), l.size.height());
            if (free(r)) {
                chosen = r;
                break;
            }
        }
        if (!chosen.isEmpty()) taken.push_back(chosen);
        placed.push_back(chosen);
    }
    return placed;
}

}  // namespace deepstep::studio
