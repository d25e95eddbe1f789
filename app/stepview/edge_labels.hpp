#pragma once
// Where the network view writes its edge labels: each on its own edge, never over
// another label, a node, a node's values or the view's border.

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace deepstep::studio {

struct EdgeLabelRequest {
    QPointF from;  // the edge's source (its label prefers the source half)
    QPointF to;
    QSizeF size;   // the label's box
    double preferred = 0.3;  // fraction of the edge tried first
};

/// One rectangle per request, in order, centred on a point of its edge: the free spot
/// nearest `preferred` among fractions 0.15 … 0.85 of the edge, a spot being free when its
/// rectangle lies inside `bounds` and meets no obstacle and no label placed before it.
/// A label with no free spot gets an empty rectangle (it is then shown on hover only).
std::vector<QRectF> placeEdgeLabels(const std::vector<EdgeLabelRequest>& labels,
                                    const std::vector<QRectF>& obstacles, const QRectF& bounds);

}  // namespace deepstep::studio
