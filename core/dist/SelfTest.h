#pragma once
// The network check a lead runs before a long job (`medq dist selftest` with `medq worker`s):
// every rank checks that broadcasts from each rank and sum, min and max all-reduces give the
// exact expected values, then times all-reduces of a few sizes. Run it on every rank with
// the same settings (the "selftest" task carries them).
#include "common/Result.h"

#include <QJsonObject>
#include <QString>
#include <vector>

namespace medq::dist {

class Group;

inline const QString kSelfTestTask = QStringLiteral("selftest");

struct SelfTestSettings {
    std::vector<qint64> sizes{1024, qint64(1) << 20, qint64(16) << 20};  // bytes of float32 per all-reduce
    int repeats = 10;  // timed all-reduces per size, after 2 untimed ones

    QJsonObject toTask() const;  // {"task": "selftest", "sizes": [...], "repeats": n}
    static Result<SelfTestSettings> fromTask(const QJsonObject& task);
    // "1K,1M,16M" (K, M, G are powers of 1024; a plain number is bytes).
    static Result<std::vector<qint64>> parseSizes(const QString& text);
};

struct AllReduceTiming {
    qint64 bytes = 0;
    double medianSeconds = 0;  // the slowest rank's median over the repeats
    double minSeconds = 0;     // the slowest rank's fastest one
    // Bytes per second of the tensor reduced ("algorithm bandwidth").
    double algorithmBytesPerSecond() const { return medianSeconds > 0 ? bytes / medianSeconds : 0; }
    // What each link carried: 2 (n - 1) / n times the tensor for a ring all-reduce.
    double busBytesPerSecond(int worldSize) const { return algorithmBytesPerSecond() * 2.0 * (worldSize - 1) / worldSize; }
};

struct SelfTestReport {
    int worldSize = 1;
    std::vector<AllReduceTiming> timings;
    QString table() const;  // one line per size, for people
};

// The error names the ranks that saw wrong values, or the collective that failed.
Result<SelfTestReport> runSelfTest(Group& group, const SelfTestSettings& settings);

}  // namespace medq::dist
