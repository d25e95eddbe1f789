// Test plugin "wrong_interface": a valid Qt plugin, but for some other application's
// interface. The host must refuse it from its metadata alone.

#include <QObject>
#include <QtPlugin>

class OtherApplicationPlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID "org.example.ImageFilter/2" FILE "wrong_interface.json")
};

#include "wrong_interface.moc"
