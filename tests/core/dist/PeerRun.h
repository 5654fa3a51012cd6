#pragma once
// Starts the ranks of a group as separate dist_peer processes (DIST_PEER_PATH) on
// 127.0.0.1 and gathers what each printed. With a TCP store rank 0 starts first on port 0
// and the others get the port it reports, so parallel test runs never fight over a port.
#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <vector>

namespace medq::test {

struct PeerOutcome {
    int exitCode = -1;
    bool crashed = false;  // killed by a signal (the test's SIGKILL, or a crash)
    QMap<QString, QString> values;  // "KEY VALUE" lines
    QString err;
};

class PeerRun {
public:
    enum class Store { Tcp, File };

    PeerRun(QString scenario, int worldSize, Store store = Store::Tcp, QStringList extra = {})
        : m_scenario(std::move(scenario)), m_worldSize(worldSize), m_store(store), m_extra(std::move(extra)),
          m_processes(static_cast<std::size_t>(worldSize)) {}

    // Starts `ranks` (all by default); with a TCP store rank 0 must be among them.
    bool start(QList<int> ranks = {}) {
        if (ranks.isEmpty())
            for (int r = 0; r < m_worldSize; ++r) ranks << r;
        if (m_store == Store::Tcp) {
            if (!startRank(0, QStringLiteral("127.0.0.1:0"))) return false;
            m_master = waitForValue(0, QStringLiteral("listening"), 20000);
            if (m_master.isEmpty()) return false;
        }
        for (int r : ranks)
            if (!(m_store == Store::Tcp && r == 0) && !startRank(r, m_master)) return false;
        return true;
    }
    // Starts one rank against the master rank 0 reported (or a given address).
    bool startRank(int rank, const QString& master) {
        QStringList args{m_scenario, QStringLiteral("--rank"), QString::number(rank), QStringLiteral("--world-size"),
                         QString::number(m_worldSize)};
        if (m_store == Store::Tcp) args << QStringLiteral("--master") << master;
        else args << QStringLiteral("--store") << storeFile() << QStringLiteral("--interface") << QStringLiteral("lo");
        auto process = std::make_unique<QProcess>();
        process->start(QStringLiteral(DIST_PEER_PATH), args + m_extra);
        if (!process->waitForStarted(10000)) return false;
        m_processes[std::size_t(rank)] = std::move(process);
        return true;
    }
    QString master() const { return m_master; }
    QString storeFile() const { return m_dir.filePath(QStringLiteral("store")); }
    QProcess* process(int rank) { return m_processes[std::size_t(rank)].get(); }

    // Reads rank's output until a "KEY VALUE" line with `key` appears; its value, or empty.
    QString waitForValue(int rank, const QString& key, int timeoutMs) {
        QProcess* p = process(rank);
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < timeoutMs) {
            if (p->canReadLine() || p->waitForReadyRead(100)) {
                while (p->canReadLine()) {
                    const QString line = QString::fromUtf8(p->readLine()).trimmed();
                    m_early[rank] << line;
                    if (line.startsWith(key + QLatin1Char(' '))) return line.mid(key.size() + 1);
                }
            } else if (p->state() == QProcess::NotRunning) {
                return {};
            }
        }
        return {};
    }

    // Waits for every started rank to end (killing what is left after `timeoutMs`).
    std::vector<PeerOutcome> finish(int timeoutMs) {
        QElapsedTimer clock;
        clock.start();
        std::vector<PeerOutcome> out(static_cast<std::size_t>(m_worldSize));
        for (int r = 0; r < m_worldSize; ++r) {
            QProcess* p = process(r);
            if (!p) continue;
            if (!p->waitForFinished(int(std::max<qint64>(100, timeoutMs - clock.elapsed())))) {
                p->kill();
                p->waitForFinished(5000);
                out[std::size_t(r)].err = QStringLiteral("(still running after %1 ms, killed)\n").arg(timeoutMs);
            }
            PeerOutcome& o = out[std::size_t(r)];
            o.crashed = p->exitStatus() == QProcess::CrashExit;
            o.exitCode = o.crashed ? -1 : p->exitCode();
            QStringList lines = m_early.value(r);
            lines += QString::fromUtf8(p->readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (const QString& line : lines) {
                const int space = line.indexOf(QLatin1Char(' '));
                if (space > 0) o.values.insert(line.left(space), line.mid(space + 1).trimmed());
            }
            o.err += QString::fromUtf8(p->readAllStandardError());
        }
        return out;
    }

private:
    QString m_scenario;
    int m_worldSize;
    Store m_store;
    QStringList m_extra;
    QTemporaryDir m_dir;
    QString m_master;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    QMap<int, QStringList> m_early;
};

// "rank 1 exited 1: error: ..." for failure messages.
inline QByteArray describe(const std::vector<PeerOutcome>& outcomes) {
    QString s;
    for (std::size_t r = 0; r < outcomes.size(); ++r)
        s += QStringLiteral("rank %1 exited %2%3: %4\n").arg(r).arg(outcomes[r].exitCode).arg(outcomes[r].crashed ? " (crashed)" : "").arg(outcomes[r].err.trimmed());
    return s.toUtf8();
}

}  // namespace medq::test
