// deepstep gradcheck: backward() against central finite differences on one batch.

#include "commands.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/gradcheck.hpp"

#include <algorithm>
#include <iostream>
#include <numeric>

namespace deepstep::cli {

CommandSpec gradcheckSpec() {
    return {"gradcheck",
            "EXP.json [--tolerance T] [OPTIONS]",
            "cmd.gradcheck.summary",
            "cmd.gradcheck.description",
            {"EXP.json"},
            {{"tolerance", "T", "opt.tolerance"}, {"epsilon", "E", "opt.epsilon"}}};
}

int runGradcheck(const Arguments& args) {
    const std::string experimentPath = args.positional().at(0);
    const double tolerance = args.positiveNumber("tolerance", 1e-2);
    GradCheckSettings settings;
    settings.epsilon = args.positiveNumber("epsilon", settings.epsilon);

    Session session;
    BuiltExperiment ex = loadExperiment(experimentPath, session.registry());
    const std::size_t n = ex.dataset->size();
    if (n == 0) throw InputError(experimentPath, tr("eval.emptyData"));

    // The first batch as the trainer would form it without shuffling.
    const std::size_t size = ex.training.batchSize == 0 ? n : std::min(ex.training.batchSize, n);
    std::vector<std::size_t> indices(size);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    const Batch batch = ex.dataset->gather(indices);

    const GradCheckReport report = checkNetwork(ex.network, *ex.loss, batch, Mode::Train, settings);

    std::cout << tr("grad.header", {std::to_string(size), formatNumber(settings.epsilon), formatNumber(tolerance)})
              << "\n\n";
    Table table({tr("col.tensor"), tr("col.checked"), tr("col.relative"), tr("col.absolute"), tr("col.result")});
    for (std::size_t c = 1; c < 4; ++c)
        table.setAlign(c, Table::Align::Right);
    for (const GradCheckEntry& e : report.entries)
        table.addRow({e.name, std::to_string(e.checked), formatNumber(e.maxRelativeError, 3),
                      formatNumber(e.maxAbsoluteError, 3),
                      tr(e.maxRelativeError <= tolerance ? "grad.ok" : "grad.fail")});
    std::cout << table.render(2) << "\n";

    const std::string worst = formatNumber(report.worst(), 3);
    if (!report.passed(tolerance)) {
        std::cout.flush();
        std::cerr << "deepstep: " << tr("grad.failed", {worst, formatNumber(tolerance)}) << "\n";
        return 1;
    }
    std::cout << tr("grad.passed", {worst, formatNumber(tolerance)}) << "\n";
    return 0;
}

}  // namespace deepstep::cli
