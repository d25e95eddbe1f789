#include "view_factory.hpp"

#include "model/step_session.hpp"
#include "playground/playground_widget.hpp"
#include "race/race_view.hpp"
#include "stepview/chain_rule_panel.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_view.hpp"

namespace deepstep::studio {

void setPlaygroundEpochs(QWidget* playground, int epochs) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) p->setEpochs(epochs);
}

int playgroundEpochsOf(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) return p->epoch();
    return -1;
}

Json playgroundSettingsOf(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) {
        Json s = Json::object();
        s["dataset"] = p->dataset().toStdString();
        Json features = Json::array();
        for (const QString& f : p->features()) features.push_back(f.toStdString());
        s["features"] = features;
        Json hidden = Json::array();
        for (int units : p->hiddenLayers()) hidden.push_back(units);
        s["hidden_layers"] = hidden;
        s["activation"] = p->activationSpec();
        s["optimizer"] = p->optimizer().toStdString();
        s["learning_rate"] = p->learningRate();
        return s;
    }
    return nullptr;
}

void applyPlaygroundSettings(QWidget* playground, const Json& settings) {
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
    if (settings.contains("activation")) p->setActivationSpec(settings["activation"]);
    if (settings.contains("optimizer") && settings["optimizer"].is_string()) {
        p->setOptimizer(QString::fromStdString(settings["optimizer"].get<std::string>()));
    }
    if (settings.contains("learning_rate") && settings["learning_rate"].is_number()) {
        p->setLearningRate(settings["learning_rate"].get<double>());
    }
}

QWidget* createStepView(StepSession& session, QWidget* parent) { return new StepView(session, parent); }

QList<QAction*> stepActionsOf(QWidget* stepView) {
    auto* v = qobject_cast<StepView*>(stepView);
    return v ? v->stepActions() : QList<QAction*>{};
}

void selectWeightIn(QWidget* stepView, const QString& parameter, int row, int col) {
    if (auto* v = qobject_cast<StepView*>(stepView)) v->selectWeight(parameter, row, col);
}

void showBatchExampleIn(QWidget* stepView, int index) {
    if (auto* v = qobject_cast<StepView*>(stepView)) v->networkView()->setExample(index);
}

QWidget* networkViewOf(QWidget* stepView) {
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->networkView();
    return nullptr;
}

QWidget* chainRulePanelOf(QWidget* stepView) {
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->chainRulePanel();
    return nullptr;
}

QWidget* optimizerViewOf(QWidget* stepView) {
    if (auto* v = qobject_cast<StepView*>(stepView)) return v->optimizerView();
    return nullptr;
}

QWidget* createPlayground(const Registry& registry, QWidget* parent) { return new PlaygroundWidget(registry, parent); }

QWidget* createRaceView(const Registry& registry, QWidget* parent) { return new RaceView(registry, parent); }

void startTrainingIn(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) p->startTraining();
}

void stopTrainingIn(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) p->stopTraining();
}

bool isTrainingIn(QWidget* playground) {
    auto* p = qobject_cast<PlaygroundWidget*>(playground);
    return p != nullptr && p->isTraining();
}

QWidget* playgroundChartsOf(QWidget* playground) {
    if (auto* p = qobject_cast<PlaygroundWidget*>(playground)) return p->chartsWidget();
    return nullptr;
}

}  // namespace deepstep::studio
