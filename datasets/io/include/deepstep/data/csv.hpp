#pragma once
// Tables from CSV files: numeric features, optional one-hot categorical columns, a
// regression or classification target, a seeded train/test split and feature scaling.

#include "deepstep/dataset.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deepstep::data {

struct CsvOptions {
    std::vector<std::string> targets;      ///< target column names; empty: the last column
    std::vector<std::string> categorical;  ///< columns to one-hot (features or a class target)
    std::string scale = "none";            ///< none | standard | minmax, fitted on the train split only
    double testFraction = 0.0;             ///< share held out as the test split, in [0, 1)
    std::string split = "all";             ///< all | train | test
    std::uint64_t seed = 0;                ///< seed of the split's permutation
    bool classify = false;                 ///< the (single) target is a class column
};

/// Parses CSV text: a header row of column names, then one example per row.
/// Fields are separated by commas; double quotes may enclose a field ("" is a quote);
/// blank lines are skipped; a trailing CR is ignored.
///
/// Columns: every non-target column is a feature. A categorical feature becomes one
/// 0/1 column per distinct value ("color=red"), values in order of first appearance in
/// the whole file (so both splits get the same columns).
/// Targets: real values (regression), or with `classify` one target column whose
/// distinct values, sorted (numerically when all are numbers), become classNames and
/// one-hot rows — or a single 0/1 column when there are exactly two classes "0" and "1".
///
/// Split: with testFraction > 0 the rows are shuffled by a permutation seeded with
/// `seed`; the last round(N·testFraction) of it are the test split, the rest, in file
/// order, the train split (each kept in file order). Scaling statistics (mean and
/// standard deviation, or min and max) come from the train split only and are applied
/// to whichever split is returned; constant columns are left centred (standard) or at 0
/// (minmax) rather than divided by zero. One-hot columns are never scaled.
///
/// ensures: inputs are N×F, targets N×T; featureNames() name the F input columns.
/// throws: InputError(where + ": line L, column \"NAME\"", …) for a missing or
///   non-numeric value outside categorical columns; InputError(where + ": line L", …) for
///   a row with the wrong number of fields; InputError(where, …) for an empty file, an
///   unknown target or categorical column, a bad option value, or a split with no rows.
TensorDataset parseCsv(std::string_view text, const CsvOptions& options, const std::string& where);

/// Reads the file and parses it; errors name the file by `path` as given.
/// throws: as parseCsv; RuntimeFailure when the file cannot be read.
TensorDataset loadCsv(const std::string& path, const CsvOptions& options);

}  // namespace deepstep::data
