#pragma once
// Shared by the data-reader tests (tst_idx, tst_csv, tst_real_datasets): where their
// fixture files are, and the message of the InputError a call throws.

#include "deepstep/errors.hpp"

#include <QString>
#include <QtGlobal>

#include <exception>
#include <string>

namespace deepstep::test {

/// tests/data/io/NAME (the test environment names tests/data).
inline std::string fixture(const char* name) {
    return qEnvironmentVariable("DEEPSTEP_TEST_DATA").toStdString() + "/io/" + name;
}

/// The message of the InputError f() throws; says so when it throws something else
/// or nothing, so that a comparison with the expected message fails readably.
template <typename F>
QString inputErrorOf(F&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        return "wrong exception type: " + QString::fromStdString(e.what());
    }
    return "no exception";
}

}  // namespace deepstep::test
