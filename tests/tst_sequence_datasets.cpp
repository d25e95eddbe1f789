// The sequence datasets: the bundled airline series (checked by its known total), the
// windowing and splits, sine windows and the symbol tasks against an independent
// replay of the seeded generator (python3 with its own mt19937_64), the fable text's
// windows, and exact messages for bad options.

#include "deepstep/errors.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"

#include <QtTest>

#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

using namespace deepstep;
using sequences::AirlineScale;
using sequences::AirlineSplit;

namespace {

QString messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no InputError";
}

// The index of the 1 in a one-hot row, or -1 when the row is not one-hot.
int hotIndex(const float* row, std::size_t v) {
    int hot = -1;
    for (std::size_t k = 0; k < v; ++k) {
        if (row[k] == 1.0F) {
            if (hot != -1) return -1;
            hot = static_cast<int>(k);
        } else if (row[k] != 0.0F) {
            return -1;
        }
    }
    return hot;
}

sequences::AirlineOptions airlineWith(std::size_t window, AirlineScale scale, AirlineSplit split,
                                      std::size_t testMonths = 24) {
    sequences::AirlineOptions o;
    o.window = window;
    o.scale = scale;
    o.split = split;
    o.testMonths = testMonths;
    return o;
}

}  // namespace

class TestSequenceDatasets : public QObject {
    Q_OBJECT

private slots:
    void airlineSeriesIsTheClassicOne() {
        const auto& s = sequences::airlinePassengers();
        // Integer total of the published series: a single mistyped month changes it.
        const double total = std::accumulate(s.begin(), s.end(), 0.0);
        QCOMPARE(total, 40363.0);
        const std::vector<float> first(s.begin(), s.begin() + 12);
        QCOMPARE(first, (std::vector<float>{112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118}));
        const std::vector<float> last(s.end() - 6, s.end());
        QCOMPARE(last, (std::vector<float>{622, 606, 508, 461, 390, 432}));
        // Yearly totals of 1949 and 1960 pin both ends a second way.
        QCOMPARE(std::accumulate(s.begin(), s.begin() + 12, 0.0), 1520.0);
        QCOMPARE(std::accumulate(s.end() - 12, s.end(), 0.0), 5714.0);
    }

    void airlineWindowsAndSplits() {
        const TensorDataset all = sequences::airline(airlineWith(12, AirlineScale::None, AirlineSplit::All));
        QCOMPARE(all.size(), std::size_t{132});
        QCOMPARE(all.inputShape(), (Shape{12, 1}));
        QCOMPARE(all.targetShape(), (Shape{1}));
        QCOMPARE(all.featureNames(), (std::vector<std::string>{"passengers"}));
        QCOMPARE(all.inputs()[0], 112.0F);
        QCOMPARE(all.inputs()[11], 118.0F);
        QCOMPARE(all.targets()[0], 115.0F);  // January 1950
        QCOMPARE(all.inputs()[12], 118.0F);  // window 1 starts one month later
        QCOMPARE(all.targets()[131], 432.0F);

        const TensorDataset train = sequences::airline(airlineWith(12, AirlineScale::None, AirlineSplit::Train));
        const TensorDataset test = sequences::airline(airlineWith(12, AirlineScale::None, AirlineSplit::Test));
        QCOMPARE(train.size(), std::size_t{108});
        QCOMPARE(test.size(), std::size_t{24});
        QCOMPARE(train.targets()[107], 337.0F);  // December 1958, the last training month
        QCOMPARE(test.targets()[0], 360.0F);     // January 1959
        QCOMPARE(test.inputs()[0], 340.0F);      // its window is all of 1958
        // train followed by test is all.
        QCOMPARE(train.inputs().slice(0, 108), all.inputs().slice(0, 108));
        QCOMPARE(test.inputs(), all.inputs().slice(108, 24));
    }

    void airlineMinMaxUsesTrainingMonthsOnly() {
        // Training months 1949–1958 (test_months 24): min 104, max 505.
        const TensorDataset test = sequences::airline(airlineWith(12, AirlineScale::MinMax, AirlineSplit::Test));
        QCOMPARE(test.targets()[0], (360.0F - 104.0F) / 401.0F);
        QCOMPARE(test.targets()[23], (432.0F - 104.0F) / 401.0F);
        const TensorDataset all = sequences::airline(airlineWith(12, AirlineScale::MinMax, AirlineSplit::All));
        QCOMPARE(all.targets()[0], (115.0F - 104.0F) / 401.0F);
        QCOMPARE(all.targets().maxAbs(), (622.0F - 104.0F) / 401.0F);  // July 1960 lies above the training maximum
        // With 60 test months, training ends in 1955: max 364.
        const TensorDataset early = sequences::airline(airlineWith(3, AirlineScale::MinMax, AirlineSplit::Train, 60));
        QCOMPARE(early.size(), std::size_t{81});
        QCOMPARE(early.targets()[0], (129.0F - 104.0F) / 260.0F);
    }

    // Month-over-month log changes: the first month has none, so every window starts a
    // month later and there is one window fewer; train and test still meet at 1959.
    void airlineLogChanges() {
        const auto change = [](double now, double before) { return static_cast<float>(std::log(now) - std::log(before)); };
        const TensorDataset all = sequences::airline(airlineWith(12, AirlineScale::LogChange, AirlineSplit::All));
        QCOMPARE(all.size(), std::size_t{131});
        QCOMPARE(all.inputs()[0], change(118, 112));  // February 1949 against January
        QCOMPARE(all.inputs()[11], change(115, 118));  // January 1950
        QCOMPARE(all.targets()[0], change(126, 115));  // February 1950
        QCOMPARE(all.targets()[130], change(432, 390));  // December 1960
        const TensorDataset train = sequences::airline(airlineWith(12, AirlineScale::LogChange, AirlineSplit::Train));
        const TensorDataset test = sequences::airline(airlineWith(12, AirlineScale::LogChange, AirlineSplit::Test));
        QCOMPARE(train.size(), std::size_t{107});
        QCOMPARE(test.size(), std::size_t{24});
        QCOMPARE(test.targets()[0], change(360, 337));  // January 1959
        QCOMPARE(test.inputs(), all.inputs().slice(107, 24));
        // The longest window leaves one training window.
        QCOMPARE(sequences::airline(airlineWith(118, AirlineScale::LogChange, AirlineSplit::Train)).size(), std::size_t{1});
        QCOMPARE(messageOf([] { sequences::airline(airlineWith(119, AirlineScale::LogChange, AirlineSplit::All)); }),
                 QString("airline_passengers.window: expected 1 to 118 months (shorter than the 119 training months "
                         "that have a change, 144 minus test_months = 24 minus the first), got 119"));
    }

    void airlineBadOptions() {
        QCOMPARE(messageOf([] { sequences::airline(airlineWith(120, AirlineScale::None, AirlineSplit::All)); }),
                 QString("airline_passengers.window: expected 1 to 119 months (shorter than the 120 training months, "
                         "144 minus test_months = 24), got 120"));
        QCOMPARE(messageOf([] { sequences::airline(airlineWith(0, AirlineScale::None, AirlineSplit::All)); }),
                 QString("airline_passengers.window: expected 1 to 119 months (shorter than the 120 training months, "
                         "144 minus test_months = 24), got 0"));
        QCOMPARE(messageOf([] { sequences::airline(airlineWith(1, AirlineScale::None, AirlineSplit::All, 143)); }),
                 QString("airline_passengers.test_months: expected 1 to 142 months (at least 2 must stay for "
                         "training), got 143"));
        QCOMPARE(messageOf([] { sequences::airline(airlineWith(1, AirlineScale::None, AirlineSplit::All, 0)); }),
                 QString("airline_passengers.test_months: expected 1 to 142 months (at least 2 must stay for "
                         "training), got 0"));
        // The largest window allowed still yields training windows.
        QCOMPARE(sequences::airline(airlineWith(119, AirlineScale::None, AirlineSplit::Train)).size(), std::size_t{1});
    }

    void sineGoldenWindows() {
        sequences::SineOptions o;
        o.samples = 2;
        o.window = 4;
        o.period = 8;
        o.seed = 5;
        const TensorDataset d = sequences::sine(o);
        QCOMPARE(d.inputShape(), (Shape{4, 1}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"x"}));
        // Replay: phases 4.228991508483887 and 0.2418687790632248, step 2π/8.
        const std::vector<float> inputs = {-0.8854209184646606F, -0.9547433257102966F, -0.4647900462150574F,
                                           0.29743096232414246F, 0.2395174205303192F,  0.8558887839317322F,
                                           0.970892071723938F,   0.5171599388122559F};
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            QCOMPARE(d.inputs()[k], inputs[k]);
        }
        QCOMPARE(d.targets()[0], 0.8854209184646606F);
        QCOMPARE(d.targets()[1], -0.2395174205303192F);
    }

    void noisySineKeepsCleanTargets() {
        sequences::SineOptions o;
        o.samples = 400;
        o.window = 10;
        o.seed = 9;
        const TensorDataset clean = sequences::sine(o);
        o.noise = 0.1;
        const TensorDataset noisy = sequences::sine(o, true);
        // Example 0 draws the same phase in both (noise draws come after it), and its
        // target is the clean next value.
        QCOMPARE(noisy.targets()[0], clean.targets()[0]);
        // The noise around the clean curve has about the asked σ.
        double squares = 0;
        for (std::size_t s = 0; s < 10; ++s) {
            const double d = noisy.inputs()[s] - clean.inputs()[s];
            squares += d * d;
        }
        QVERIFY(squares > 0.0);
        QVERIFY(noisy.inputs().maxAbs() < 1.0F + 6 * 0.1F);
        QCOMPARE(sequences::sine(o, true).inputs(), noisy.inputs());
    }

    void sineBadOptions() {
        sequences::SineOptions o;
        o.window = 0;
        QCOMPARE(messageOf([&] { sequences::sine(o); }), QString("sine.window: expected at least 1 time step, got 0"));
        o.window = 5;
        o.period = 1.5;
        QCOMPARE(messageOf([&] { sequences::sine(o, true); }),
                 QString("noisy_sine.period: expected at least 2 time steps per cycle, got 1.5"));
        o.period = 10;
        o.noise = -0.25;
        QCOMPARE(messageOf([&] { sequences::sine(o, true); }),
                 QString("noisy_sine.noise: expected a standard deviation of at least 0, got -0.25"));
    }

    void copyAndReverseGolden() {
        sequences::SymbolTaskOptions o;
        o.samples = 2;
        o.length = 5;
        o.vocabulary = 4;
        o.seed = 11;
        const TensorDataset copy = sequences::copyTask(o);
        const TensorDataset reverse = sequences::reverseTask(o);
        QCOMPARE(copy.inputShape(), (Shape{5, 4}));
        QCOMPARE(copy.targetShape(), (Shape{5, 4}));
        QCOMPARE(copy.classNames(), (std::vector<std::string>{"0", "1", "2", "3"}));
        // Replay: symbols 3 1 1 1 0 and 0 2 1 1 3.
        const int symbols[2][5] = {{3, 1, 1, 1, 0}, {0, 2, 1, 1, 3}};
        for (std::size_t i = 0; i < 2; ++i) {
            for (std::size_t s = 0; s < 5; ++s) {
                QCOMPARE(hotIndex(copy.inputs().data() + (i * 5 + s) * 4, 4), symbols[i][s]);
                QCOMPARE(hotIndex(copy.targets().data() + (i * 5 + s) * 4, 4), symbols[i][s]);
                QCOMPARE(hotIndex(reverse.targets().data() + (i * 5 + s) * 4, 4), symbols[i][4 - s]);
            }
        }
        QCOMPARE(reverse.inputs(), copy.inputs());
    }

    void symbolsAreBalanced() {
        sequences::SymbolTaskOptions o;
        o.samples = 1000;
        o.length = 10;
        o.vocabulary = 5;
        const TensorDataset d = sequences::copyTask(o);
        // 10000 uniform symbols over 5: about 2000 each (sd 40).
        for (std::size_t k = 0; k < 5; ++k) {
            double count = 0;
            for (std::size_t step = 0; step < 10000; ++step) {
                count += d.inputs()[step * 5 + k];
            }
            QVERIFY2(count > 1800 && count < 2200, QByteArray::number(count));
        }
        QCOMPARE(d.inputs().sum(), 10000.0F);
    }

    void addingGolden() {
        sequences::AddingTaskOptions o;
        o.samples = 2;
        o.length = 6;
        o.seed = 13;
        const TensorDataset d = sequences::addingTask(o);
        QCOMPARE(d.inputShape(), (Shape{6, 2}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"value", "marker"}));
        QCOMPARE(d.inputs()[0], 0.610285222530365F);
        QCOMPARE(d.inputs()[8], 0.29312849044799805F);
        QCOMPARE(d.inputs()[10], 0.5492169857025146F);
        // Markers at steps 3 and 5 for the first sequence, 2 and 0 for the second.
        const std::vector<float> markers0 = {0, 0, 0, 1, 0, 1};
        const std::vector<float> markers1 = {1, 0, 1, 0, 0, 0};
        for (std::size_t s = 0; s < 6; ++s) {
            QCOMPARE(d.inputs()[s * 2 + 1], markers0[s]);
            QCOMPARE(d.inputs()[12 + s * 2 + 1], markers1[s]);
        }
        QCOMPARE(d.targets()[0], 0.920734167098999F);
        QCOMPARE(d.targets()[1], 1.1547167301177979F);
    }

    void addingAlwaysTwoDistinctMarkers() {
        sequences::AddingTaskOptions o;
        o.samples = 500;
        o.length = 2;  // the smallest case: both steps marked
        const TensorDataset d = sequences::addingTask(o);
        for (std::size_t i = 0; i < d.size(); ++i) {
            QCOMPARE(d.inputs()[i * 4 + 1] + d.inputs()[i * 4 + 3], 2.0F);
            QCOMPARE(d.targets()[i], d.inputs()[i * 4] + d.inputs()[i * 4 + 2]);
        }
        QCOMPARE(messageOf([] {
                     sequences::AddingTaskOptions bad;
                     bad.length = 1;
                     sequences::addingTask(bad);
                 }),
                 QString("add.length: expected at least 2 time steps (two markers), got 1"));
    }

    void symbolBadOptions() {
        sequences::SymbolTaskOptions o;
        o.vocabulary = 1;
        QCOMPARE(messageOf([&] { sequences::copyTask(o); }),
                 QString("copy.vocabulary: expected at least 2 symbols, got 1"));
        o.vocabulary = 3;
        o.length = 0;
        QCOMPARE(messageOf([&] { sequences::reverseTask(o); }),
                 QString("reverse.length: expected a sequence of at least 1 symbol, got 0"));
    }

    void refusesHugeRequests() {
        sequences::SymbolTaskOptions o;
        o.samples = 1000000;
        o.length = 1000;
        o.vocabulary = 1000;
        QCOMPARE(messageOf([&] { sequences::copyTask(o); }),
                 QString::fromUtf8("copy: expected at most 134217728 input values (N×T×F), got 1000000×1000×1000 "
                                   "(3.6 TiB as floats); use fewer or shorter sequences"));
        sequences::SineOptions s;
        s.samples = 1000000;
        s.window = 10000;
        QVERIFY(messageOf([&] { sequences::sine(s); }).startsWith("sine: expected at most 134217728"));
        // Just over the limit: 33554433 × 2 × 2 = 134217732 values.
        sequences::AddingTaskOptions a;
        a.samples = 33554433;
        a.length = 2;
        QCOMPARE(messageOf([&] { sequences::addingTask(a); }),
                 QString::fromUtf8("add: expected at most 134217728 input values (N×T×F), got 33554433×2×2 (512 "
                                   "MiB as floats); use fewer or shorter sequences"));
    }

    // Below the fixed cap, the memory budget decides, and says how much it would take.
    void sizesAreCheckedAgainstTheMemoryBudget() {
        qputenv("DEEPSTEP_MEMORY_LIMIT", "1M");
        sequences::SymbolTaskOptions o;
        o.samples = 1000;
        o.length = 100;
        o.vocabulary = 10;
        // 1000 × 100 × 10 inputs and as many targets: 2,000,000 floats.
        const QString copy = messageOf([&] { sequences::copyTask(o); });
        sequences::AddingTaskOptions a;
        a.samples = 100000;  // 100000 × 20 × 2 inputs and 100000 targets: 4,100,000 floats
        const QString add = messageOf([&] { sequences::addingTask(a); });
        qunsetenv("DEEPSTEP_MEMORY_LIMIT");
        QCOMPARE(copy, QString("copy: the inputs and targets of 1000 sequences (as 4-byte floats) would take 7.6 MiB "
                               "of memory; the limit is 1.0 MiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
        QCOMPARE(add, QString("add: the inputs and targets of 100000 sequences (as 4-byte floats) would take 16 MiB "
                              "of memory; the limit is 1.0 MiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
        QCOMPARE(sequences::copyTask(o).size(), std::size_t{1000});  // the default budget holds it
    }

    void seedsStayWithinTheirType() {
        Registry registry;
        sequences::registerComponents(registry);
        QCOMPARE(registry.makeDataset("sine", Json{{"seed", kLargestIntegerOption}, {"samples", 2}})->size(), std::size_t{2});
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("sine", Json{{"seed", 1e19}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("sine", Json{{"seed", 1e300}}));
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 registry.makeDataset("copy", Json{{"seed", std::numeric_limits<std::uint64_t>::max()}}));
    }

    void textWindows() {
        const std::string_view text = sequences::fableText();
        QCOMPARE(text.size(), std::size_t{4172});
        QVERIFY(text.starts_with("The Fox and the Grapes."));
        sequences::TextOptions o;
        o.window = 10;
        o.stride = 3;
        const TensorDataset d = sequences::characterWindows(o);
        QCOMPARE(d.size(), std::size_t{1388});  // ⌊(4172 − 10 − 1) / 3⌋ + 1
        QCOMPARE(d.inputShape(), (Shape{10, 53}));
        QCOMPARE(d.targetShape(), (Shape{53}));
        const auto classes = d.classNames();
        QCOMPARE(classes.size(), std::size_t{53});
        QCOMPARE(classes[0], std::string("\\n"));
        QCOMPARE(classes[1], std::string(" "));
        QCOMPARE(classes[52], std::string("z"));
        // Window 0 reads "The Fox an" and predicts 'd'; window 5 starts at character 15.
        auto decode = [&](const float* rows, std::size_t count) {
            std::string s;
            for (std::size_t k = 0; k < count; ++k) {
                const int hot = hotIndex(rows + k * 53, 53);
                s += hot < 0 ? std::string("?") : classes[static_cast<std::size_t>(hot)];
            }
            return s;
        };
        QCOMPARE(decode(d.inputs().data(), 10), std::string("The Fox an"));
        QCOMPARE(decode(d.targets().data(), 1), std::string("d"));
        QCOMPARE(decode(d.inputs().data() + 5 * 10 * 53, 10), std::string(" Grapes. A"));
        QCOMPARE(decode(d.targets().data() + 5 * 53, 1), std::string(" "));
        QCOMPARE(d.targets().sum(), 1388.0F);
        // The same windows as ids: each step's number is its one-hot row's hot index.
        o.ids = true;
        const TensorDataset ids = sequences::characterWindows(o);
        QCOMPARE(ids.inputShape(), (Shape{10}));
        QVERIFY(ids.targets() == d.targets());
        QVERIFY(ids.classNames() == classes);
        for (std::size_t k = 0; k < 1388 * 10; ++k)
            QCOMPARE(ids.inputs()[k], static_cast<float>(hotIndex(d.inputs().data() + k * 53, 53)));
    }

    void textOnAnyStringAndBadOptions() {
        const TensorDataset d = sequences::characterWindows("abcab", {2, 1}, "mine");
        QCOMPARE(d.size(), std::size_t{3});  // "ab"→c, "bc"→a, "ca"→b
        QCOMPARE(d.classNames(), (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(d.targets(), Tensor::rows({{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}));
        QCOMPARE(messageOf([] {
                     sequences::characterWindows("abcab", {5, 1}, "mine");
                 }),
                 QString("mine.window: expected 1 to 4 characters (shorter than the text of 5), got 5"));
        QCOMPARE(messageOf([] {
                     sequences::characterWindows("abcab", {2, 0}, "mine");
                 }),
                 QString("mine.stride: expected at least 1 character, got 0"));
        QCOMPARE(messageOf([] {
                     sequences::characterWindows(sequences::TextOptions{5000, 1});
                 }),
                 QString("text.window: expected 1 to 4171 characters (shorter than the text of 4172), got 5000"));
    }

    void throughTheRegistry() {
        Registry registry;
        sequences::registerComponents(registry);
        const auto datasets = registry.list(Kind::Dataset);
        QCOMPARE(datasets.size(), std::size_t{7});
        for (const ComponentInfo* info : datasets) {
            QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
            QVERIFY2(!info->schema.specs().empty(), info->name.c_str());
            for (const OptionSpec& spec : info->schema.specs()) {
                QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), (info->name + "." + spec.name).c_str());
                QVERIFY(!spec.defaultValue.is_null());
            }
        }
        // Defaults build, with the documented shapes.
        QCOMPARE(registry.makeDataset("sine")->inputShape(), (Shape{20, 1}));
        QCOMPARE(registry.makeDataset("noisy_sine")->size(), std::size_t{500});
        QCOMPARE(registry.makeDataset("airline_passengers")->size(), std::size_t{132});
        QCOMPARE(registry.makeDataset("copy")->targetShape(), (Shape{8, 8}));
        QCOMPARE(registry.makeDataset("reverse")->inputShape(), (Shape{8, 8}));
        QCOMPARE(registry.makeDataset("add")->inputShape(), (Shape{20, 2}));
        QCOMPARE(registry.makeDataset("text")->targetShape(), (Shape{53}));

        auto test =
            registry.makeDataset("airline_passengers", Json{{"split", "test"}, {"scale", "none"}, {"window", 24}});
        QCOMPARE(test->size(), std::size_t{24});
        QCOMPARE(test->all().targets[0], 360.0F);
        QCOMPARE(messageOf([&] {
                     registry.makeDataset("airline_passengers", Json{{"window", 130}});
                 }),
                 QString("dataset.airline_passengers.window: expected 1 to 119 months (shorter than the 120 training "
                         "months, 144 minus test_months = 24), got 130"));
        QCOMPARE(messageOf([&] {
                     registry.makeDataset("airline_passengers", Json{{"split", "validation"}});
                 }),
                 QString("dataset.split: expected one of \"train\", \"test\", \"all\", got \"validation\""));
        auto add = registry.makeDataset("add", Json{{"samples", 2}, {"length", 6}, {"seed", 13}});
        QCOMPARE(add->all().targets, sequences::addingTask({2, 6, 13}).targets());
    }
};

QTEST_APPLESS_MAIN(TestSequenceDatasets)
#include "tst_sequence_datasets.moc"
