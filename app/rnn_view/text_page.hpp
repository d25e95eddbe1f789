#pragma once
// TextPage: a character model's two sides. Above, a stretch of its training text, each
// character coloured by one chosen unit's activation h_t[unit] after the model has read
// up to that character (blue positive, red negative): units that track quotes, word
// ends or line breaks show themselves. Below, text the model writes from a prime at a
// temperature chosen with a slider (CharacterGenerator, as `deepstep generate`).

#include "deepstep/dataset.hpp"
#include "deepstep/network.hpp"
#include "deepstep/text_generation.hpp"

#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTextBrowser;

namespace deepstep::studio::rnn {

class TextPage : public QWidget {
    Q_OBJECT

public:
    /// Characters of the training text coloured at most.
    static constexpr std::size_t kShownCharacters = 240;

    explicit TextPage(QWidget* parent = nullptr);

    /// `net` (nullptr: none) and `text` (its training sequences) must outlive their use
    /// here, until the next call. The page works when the network is a character model
    /// over `classNames`, and says why not otherwise.
    void setModel(Network* net, const std::vector<std::string>& classNames, const Dataset* text);
    /// Recomputes the colours (the network's weights changed).
    void refresh();
    bool usable() const { return generator_.has_value(); }

    void setUnit(int unit);
    /// The unit whose activation varies most over the coloured text (−1 when none):
    /// usually the most telling one to colour by.
    int mostVariedUnit() const;
    void setTemperature(double t);  ///< clamped to [0.1, 2]
    double temperature() const;
    void setPrime(const QString& prime);
    /// Writes a new text at the slider's temperature; returns it (empty when unusable).
    QString write();

    /// The coloured stretch as plain text, and the colour value of its characters.
    QString shownText() const { return shown_; }
    const std::vector<float>& shownActivations() const { return activation_; }
    QString writtenText() const;
    QString noteText() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void recolour();
    void updateTemperatureLabel();

    Network* net_ = nullptr;
    const Dataset* text_ = nullptr;
    std::optional<CharacterGenerator> generator_;
    std::vector<float> lastHidden_;  ///< windows × units
    std::size_t units_ = 0;
    QString shown_;
    QString lead_;  ///< the first window's characters before its last, not coloured
    std::vector<float> activation_;

    QLabel* note_;
    QLabel* unitLabel_;
    QSpinBox* unit_;
    QTextBrowser* coloured_;
    QLabel* primeLabel_;
    QLineEdit* prime_;
    QLabel* lengthLabel_;
    QSpinBox* length_;
    QLabel* seedLabel_;
    QSpinBox* seed_;
    QLabel* temperatureLabel_;
    QSlider* temperature_;
    QPushButton* writeButton_;
    QTextBrowser* written_;
};

}  // namespace deepstep::studio::rnn
