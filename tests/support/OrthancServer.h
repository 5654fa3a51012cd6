#pragma once
// A real PACS for tests: Debian's Orthanc, started on loopback ports with its own
// configuration and storage folder (never the system service), filled through its REST API
// with curl, stopped when this object goes.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QThread>

namespace medq::test {

class OrthancServer {
public:
    static constexpr const char* kAeTitle = "TESTPACS";

    // Ports httpPort and dicomPort on 127.0.0.1; storage under `dir`. With moveTo, it knows the
    // C-MOVE destination MEDQ at 127.0.0.1 on that port.
    // checkCalledAet: associations that do not call it by its AE title are rejected.
    OrthancServer(const QString& dir, quint16 httpPort, quint16 dicomPort, quint16 moveTo = 0, bool checkCalledAet = false)
        : m_http(httpPort), m_dicom(dicomPort) {
        if (!QFile::exists(QStringLiteral("/usr/sbin/Orthanc")) || QStandardPaths::findExecutable(QStringLiteral("curl")).isEmpty()) {
            m_problem = QStringLiteral("Orthanc or curl not found: install Debian's orthanc and curl (installer/install-deps.sh)");
            return;
        }
        const QString storage = QDir(dir).filePath(QStringLiteral("orthanc-db"));
        QDir().mkpath(storage);
        QFile config(QDir(dir).filePath(QStringLiteral("orthanc.json")));
        if (!config.open(QIODevice::WriteOnly)) {
            m_problem = config.fileName() + QStringLiteral(": cannot write");
            return;
        }
        config.write(QStringLiteral(R"({ "Name": "medq-test", "StorageDirectory": "%1", "IndexDirectory": "%1",
  "HttpPort": %2, "DicomPort": %3, "DicomAet": "%4", "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "DicomCheckCalledAet": %6, "DicomAlwaysAllowEcho": true,
  "DicomAlwaysAllowStore": true, "DicomAlwaysAllowFind": true, "DicomAlwaysAllowGet": true,
  "DicomAlwaysAllowMove": true, "DicomModalities": {%5}, "Plugins": [] })")
                         .arg(storage).arg(m_http).arg(m_dicom).arg(QLatin1String(kAeTitle))
                         .arg(moveTo ? QStringLiteral(R"("medq": ["MEDQ", "127.0.0.1", %1])").arg(moveTo) : QString())
                         .arg(QLatin1String(checkCalledAet ? "true" : "false"))
                         .toUtf8());
        config.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("/usr/sbin/Orthanc"), {config.fileName()});
        QElapsedTimer clock;
        clock.start();
        while (!answers() && m_process.state() != QProcess::NotRunning && clock.elapsed() < 30000) QThread::msleep(200);
        if (answers()) return;
        m_process.waitForReadyRead(500);  // without an event loop, output arrives only when asked for
        const QString said = QString::fromLocal8Bit(m_process.readAll()).trimmed().right(2000);
        m_problem = m_process.state() == QProcess::NotRunning
                        ? QStringLiteral("Orthanc (HTTP %1, DICOM %2) exited with code %3: %4").arg(m_http).arg(m_dicom).arg(m_process.exitCode()).arg(said)
                        : QStringLiteral("Orthanc (HTTP %1, DICOM %2) did not answer in 30 s: %3").arg(m_http).arg(m_dicom).arg(said);
    }
    ~OrthancServer() {
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) m_process.kill();
    }
    // Empty when the server runs; else why not.
    const QString& problem() const { return m_problem; }
    QString node() const { return QStringLiteral("%1@127.0.0.1:%2").arg(QLatin1String(kAeTitle)).arg(m_dicom); }
    bool upload(const QString& file) const {
        return curl({"-X", "POST", "--data-binary", "@" + file, QStringLiteral("http://127.0.0.1:%1/instances").arg(m_http)}) == 0;
    }

private:
    bool answers() const { return curl({QStringLiteral("http://127.0.0.1:%1/system").arg(m_http)}) == 0; }
    static int curl(const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("curl"), QStringList{"-sf", "-o", "/dev/null", "-H", "Expect:"} + args);
        p.waitForFinished(30000);
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    quint16 m_http, m_dicom;
    QProcess m_process;
    QString m_problem;
};

}  // namespace medq::test
