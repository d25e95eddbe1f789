#include "view_factory.hpp"

#include "model/step_session.hpp"
#include "placeholder_views.hpp"

// The real views are used as soon as they are part of the tree (header and source:
// a header alone, while its view is being written, would not link).
#if __has_include("stepview/step_view.hpp") && __has_include("stepview/step_view.cpp")
#include "stepview/chain_rule_panel.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_view.hpp"
#define DEEPSTEP_REAL_STEPVIEW 1
#else
#define DEEPSTEP_REAL_STEPVIEW 0
#endif
#if __has_include("playground/playground_widget.hpp") && __has_include("playground/playground_widget.cpp")
#include "playground/playground_widget.hpp"
#define DEEPSTEP_REAL_PLAYGROUND 1
#else
#define DEEPSTEP_REAL_PLAYGROUND 0
#endif

namespace deepstep::studio {

#if DEEPSTEP_REAL_STEPVIEW
using StepViewType = StepView;
#else
using StepViewType = PlaceholderStepView;
#endif
#if DEEPSTEP_REAL_PLAYGROUND
using PlaygroundType = PlaygroundWidget;
#else
using PlaygroundType = PlaceholderPlayground;
#endif

void setPlaygroundEpochs([[maybe_unused]] QWidget* playground, [[maybe_unused]] int epochs) {
#if DEEPSTEP_REAL_PLAYGROUND
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) p->setEpochs(epochs);
#endif
}

int playgroundEpochsOf([[maybe_unused]] QWidget* playground) {
#if DEEPSTEP_REAL_PLAYGROUND
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) return p->epoch();
#endif
    return -1;
}

Json playgroundSettingsOf([[maybe_unused]] QWidget* playground) {
#if DEEPSTEP_REAL_PLAYGROUND
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) {
        Json s = Json::object();
        s["dataset"] = p->dataset().toStdString();
        Json features = Json::array();
        for (const QString& f : p->features()) features.push_back(f.toStdString());
        s["features"] = features;
        Json hidden = Json::array();
        for (int units : p->hiddenLayers()) hidden.push_back(units);
        s["hidden_layers"] = hidden;
        s["optimizer"] = p->optimizer().toStdString();
        s["learning_rate"] = p->learningRate();
        return s;
    }
#endif
    return nullptr;
}

void applyPlaygroundSettings([[maybe_unused]] QWidget* playground, [[maybe_unused]] const Json& settings) {
#if DEEPSTEP_REAL_PLAYGROUND
    auto* p = qobject_cast<PlaygroundWidget*>(playground);
    if (p == nullptr || !settings.is_object() || p->isTraining()) return;
    // Each setting on its own: one the playground refuses leaves the others applied.
    if (settings.contains("dataset") && settings["dataset"].is_string()) {
        p->setDataset(QString::fromStdString(settings["dataset"].get<std::string>()));
    }
    if (settings.contains("features") && settings["features"].is_array()) {
        QStringList keys;
        for (const Json& f : settings["features"]) {
            if (f.is_string()) keys << QString::fromStdString(f.get<std::string>());
        }
        p->setFeatures(keys);
    }
    if (settings.contains("hidden_layers") && settings["hidden_layers"].is_array()) {
        QVector<int> units;
        for (const Json& u : settings["hidden_layers"]) {
            if (u.is_number_integer() && u.get<int>() > 0) units << u.get<int>();
        }
        p->setHiddenLayers(units);
    }
    if (settings.contains("optimizer") && settings["optimizer"].is_string()) {
        p->setOptimizer(QString::fromStdString(settings["optimizer"].get<std::string>()));
    }
    if (settings.contains("learning_rate") && settings["learning_rate"].is_number()) {
        p->setLearningRate(settings["learning_rate"].get<double>());
    }
#endif
}

bool hasRealStepView() { return DEEPSTEP_REAL_STEPVIEW != 0; }
bool hasRealPlayground() { return DEEPSTEP_REAL_PLAYGROUND != 0; }

QWidget* createStepView(StepSession& session, QWidget* parent) { return new StepViewType(session, parent); }

QList<QAction*> stepActionsOf(QWidget* stepView) {
    auto* v = qobject_cast<StepViewType*>(stepView);
    return v ? v->stepActions() : QList<QAction*>{};
}

void selectWeightIn(QWidget* stepView, const QString& parameter, int row, int col) {
    if (auto* v = qobject_cast<StepViewType*>(stepView)) v->selectWeight(parameter, row, col);
}

void showBatchExampleIn([[maybe_unused]] QWidget* stepView, [[maybe_unused]] int index) {
#if DEEPSTEP_REAL_STEPVIEW
    if (auto* v = qobject_cast<StepView*>(stepView)) v->networkView()->setExample(index);
#endif
}

QWidget* networkViewOf([[maybe_unused]] QWidget* stepView) {
#if DEEPSTEP_REAL_STEPVIEW
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->networkView();
#endif
    return nullptr;
}

QWidget* chainRulePanelOf([[maybe_unused]] QWidget* stepView) {
#if DEEPSTEP_REAL_STEPVIEW
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->chainRulePanel();
#endif
    return nullptr;
}

QWidget* optimizerViewOf([[maybe_unused]] QWidget* stepView) {
#if DEEPSTEP_REAL_STEPVIEW
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->optimizerView();
#endif
    return nullptr;
}

QWidget* createPlayground([[maybe_unused]] const Registry& registry, QWidget* parent) {
#if DEEPSTEP_REAL_PLAYGROUND
    return new PlaygroundWidget(registry, parent);
#else
    return new PlaceholderPlayground(parent);
#endif
}

void startTrainingIn(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundType*>(playground)) p->startTraining();
}

void stopTrainingIn(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundType*>(playground)) p->stopTraining();
}

bool isTrainingIn(QWidget* playground) {
    auto* p = qobject_cast<PlaygroundType*>(playground);
    return p != nullptr && p->isTraining();
}

QWidget* playgroundChartsOf([[maybe_unused]] QWidget* playground) {
#if DEEPSTEP_REAL_PLAYGROUND
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) return p->chartsWidget();
#endif
    return nullptr;
}

}  // namespace deepstep::studio
