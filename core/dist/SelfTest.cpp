// ATen before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <ATen/ATen.h>

#include "dist/SelfTest.h"

#include "dist/Group.h"
#include "dist/TensorCollectives.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <algorithm>
#include <chrono>

namespace medq::dist {
namespace {

// What rank `root` broadcasts: values no other rank starts with.
at::Tensor broadcastPayload(int root) {
    return at::arange(4099, at::kDouble).mul_(0.25).add_(1000.0 * (root + 1));
}

QString bytesText(qint64 bytes) {
    if (bytes >= (qint64(1) << 20) && bytes % (qint64(1) << 20) == 0) return QStringLiteral("%1 MiB").arg(bytes >> 20);
    if (bytes >= 1024 && bytes % 1024 == 0) return QStringLiteral("%1 KiB").arg(bytes >> 10);
    return QStringLiteral("%1 B").arg(bytes);
}

// The exactness checks; returns how many of them failed on this rank.
Result<int> checkValues(Group& group) {
    TensorCollectives& c = group.tensors();
    const int n = group.worldSize();
    int wrong = 0;
    for (int root = 0; root < n; ++root) {
        std::vector<at::Tensor> received{group.rank() == root ? broadcastPayload(root) : at::full({4099}, -1.0, at::kDouble),
                                         at::full({3, 5}, group.rank() == root ? root + 7 : -1, at::kLong)};
        if (const Status s = c.broadcast(received, root); !s) return s.error();
        wrong += !received[0].equal(broadcastPayload(root)) + !received[1].eq(root + 7).all().item<bool>();
    }
    at::Tensor sum = at::full({1000}, float(group.rank() + 1));
    at::Tensor low = at::full({17}, std::int64_t(group.rank() + 3));
    at::Tensor high = at::full({17}, double(group.rank()) - 0.5);
    if (const Status s = c.allReduce(sum, ReduceOp::Sum); !s) return s.error();
    if (const Status s = c.allReduce(low, ReduceOp::Min); !s) return s.error();
    if (const Status s = c.allReduce(high, ReduceOp::Max); !s) return s.error();
    wrong += !sum.eq(float(n * (n + 1) / 2)).all().item<bool>();
    wrong += !low.eq(3).all().item<bool>();
    wrong += !high.eq(double(n - 1) - 0.5).all().item<bool>();
    return wrong;
}

}  // namespace

QJsonObject SelfTestSettings::toTask() const {
    QJsonArray s;
    for (qint64 b : sizes) s.append(double(b));
    return {{QStringLiteral("task"), kSelfTestTask}, {QStringLiteral("sizes"), s}, {QStringLiteral("repeats"), repeats}};
}

Result<SelfTestSettings> SelfTestSettings::fromTask(const QJsonObject& task) {
    SelfTestSettings settings;
    settings.sizes.clear();
    for (const QJsonValue& v : task.value(QLatin1String("sizes")).toArray()) settings.sizes.push_back(qint64(v.toDouble()));
    settings.repeats = task.value(QLatin1String("repeats")).toInt(0);
    for (qint64 b : settings.sizes)
        if (b < 4 || b > (qint64(1) << 32)) return Error{QStringLiteral("selftest"), QStringLiteral("size %1 out of range").arg(b)};
    if (settings.repeats < 1) return Error{QStringLiteral("selftest"), QStringLiteral("needs at least one repeat")};
    return settings;
}

Result<std::vector<qint64>> SelfTestSettings::parseSizes(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)([KMG]?)$"), QRegularExpression::CaseInsensitiveOption);
    std::vector<qint64> sizes;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto m = pattern.match(part.trimmed());
        if (!m.hasMatch()) return Error{part, QStringLiteral("expected a size such as 1024, 64K or 16M")};
        const QString unit = m.captured(2).toUpper();
        const int shift = unit == QLatin1String("K") ? 10 : unit == QLatin1String("M") ? 20 : unit == QLatin1String("G") ? 30 : 0;
        const qint64 number = m.captured(1).length() > 10 ? -1 : m.captured(1).toLongLong();
        const qint64 bytes = number < 0 || number > (qint64(1) << 32) ? -1 : number << shift;
        if (bytes < 4 || bytes > (qint64(1) << 32)) return Error{part, QStringLiteral("sizes go from 4 bytes to 4 GiB")};
        sizes.push_back(bytes);
    }
    if (sizes.empty()) return Error{text, QStringLiteral("no sizes")};
    return sizes;
}

QString SelfTestReport::table() const {
    QStringList lines{QStringLiteral("%1  %2  %3  %4  %5")
                          .arg(QStringLiteral("size"), 8)
                          .arg(QStringLiteral("median ms"), 10)
                          .arg(QStringLiteral("min ms"), 9)
                          .arg(QStringLiteral("algbw MB/s"), 11)
                          .arg(QStringLiteral("busbw MB/s"), 11)};
    for (const AllReduceTiming& t : timings)
        lines << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(bytesText(t.bytes), 8)
                     .arg(t.medianSeconds * 1e3, 10, 'f', 3)
                     .arg(t.minSeconds * 1e3, 9, 'f', 3)
                     .arg(t.algorithmBytesPerSecond() / 1e6, 11, 'f', 1)
                     .arg(t.busBytesPerSecond(worldSize) / 1e6, 11, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

Result<SelfTestReport> runSelfTest(Group& group, const SelfTestSettings& settings) {
    TensorCollectives& c = group.tensors();
    if (const Status s = group.barrier(); !s) return s.error();
    const auto wrong = checkValues(group);
    if (!wrong) return wrong.error();
    // Which ranks saw wrong values: each adds its count at its own index.
    at::Tensor verdict = at::zeros({group.worldSize()}, at::kLong);
    verdict[group.rank()] = wrong.value();
    if (const Status s = c.allReduce(verdict, ReduceOp::Sum); !s) return s.error();
    QStringList badRanks;
    for (int r = 0; r < group.worldSize(); ++r)
        if (verdict[r].item<std::int64_t>() > 0) badRanks << QString::number(r);
    if (!badRanks.isEmpty())
        return Error{group.who(), QStringLiteral("broadcast or all-reduce gave wrong values on rank %1").arg(badRanks.join(QLatin1String(", ")))};

    SelfTestReport report;
    report.worldSize = group.worldSize();
    for (qint64 bytes : settings.sizes) {
        at::Tensor tensor = at::ones({std::max<qint64>(1, bytes / 4)}, at::kFloat);
        std::vector<double> seconds;
        for (int i = 0; i < settings.repeats + 2; ++i) {
            const auto start = std::chrono::steady_clock::now();
            if (const Status s = c.allReduce(tensor, ReduceOp::Sum); !s) return s.error();
            const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
            if (i >= 2) seconds.push_back(took.count());
            tensor.fill_(1.0f);
        }
        std::sort(seconds.begin(), seconds.end());
        // The slowest rank's figures: every rank takes part in each all-reduce, so the group
        // goes at that rank's pace.
        at::Tensor figures = at::tensor({seconds[seconds.size() / 2], seconds.front()}, at::kDouble);
        if (const Status s = c.allReduce(figures, ReduceOp::Max); !s) return s.error();
        report.timings.push_back({bytes, figures[0].item<double>(), figures[1].item<double>()});
    }
    if (const Status s = group.barrier(); !s) return s.error();
    return report;
}

}  // namespace medq::dist
