// One rank of the multi-process tests (tst_dist_collectives, tst_dist_failures): joins a
// group and runs one scenario, printing "KEY VALUE" lines the test compares across ranks.
//   dist_peer SCENARIO --rank R --world-size N (--master HOST:PORT | --store FILE)
//             [--interface IF] [--timeout S] [--join-timeout S]
// Exit 0 when the scenario ran, 1 with "error: MESSAGE" on stderr when the group failed.
// ATen before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "dist/GradientBuckets.h"
#include "dist/Group.h"
#include "dist/TensorCollectives.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QThread>
#include <cstdio>

using namespace medq;
using namespace medq::dist;

namespace {

void say(const QString& key, const QString& value) {
    std::printf("%s %s\n", qPrintable(key), qPrintable(value));
    std::fflush(stdout);
}

QString hashOf(const std::vector<at::Tensor>& tensors) {
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const at::Tensor& t : tensors) {
        const at::Tensor c = t.contiguous();
        h.addData(QByteArrayView(static_cast<const char*>(c.data_ptr()), qsizetype(c.nbytes())));
    }
    return QString::fromLatin1(h.result().toHex());
}

// Rank 0's tensors for the broadcast: three dtypes, one of them not contiguous.
std::vector<at::Tensor> broadcastTensors(int rank) {
    at::Generator g = at::detail::createCPUGenerator(42);
    std::vector<at::Tensor> ts{at::randn({13, 7}, g, at::kFloat), at::randn({5}, g, at::kFloat), at::randn({9}, g, at::kDouble),
                               at::randint(-1000, 1000, {6, 4}, g, at::kLong).t()};
    if (rank != 0)
        for (at::Tensor& t : ts) t.zero_();
    return ts;
}

Status broadcast(Group& group) {
    std::vector<at::Tensor> ts = broadcastTensors(group.rank());
    say("before", hashOf(ts));
    if (const Status s = group.tensors().broadcast(ts, 0); !s) return s;
    say("after", hashOf(ts));
    say("contiguous3", ts[3].is_contiguous() ? "yes" : "no");
    return {};
}

Status allReduce(Group& group) {
    at::Tensor sum = at::ones({1000}, at::kFloat) * group.rank();
    at::Tensor mean = at::ones({333}, at::kDouble) * group.rank();
    at::Tensor count = at::full({4}, std::int64_t(group.rank()) * std::int64_t(1000000007), at::kLong);
    if (const Status s = group.tensors().allReduce(sum); !s) return s;
    if (const Status s = group.tensors().allReduceMean(mean); !s) return s;
    if (const Status s = group.tensors().allReduce(count); !s) return s;
    say("sum", QStringLiteral("%1 %2").arg(sum.min().item<float>()).arg(sum.max().item<float>()));
    say("mean", QStringLiteral("%1 %2").arg(mean.min().item<double>(), 0, 'g', 17).arg(mean.max().item<double>(), 0, 'g', 17));
    say("count", QStringLiteral("%1 %2").arg(count.min().item<std::int64_t>()).arg(count.max().item<std::int64_t>()));
    return {};
}

struct Model {
    std::vector<at::Tensor> parameters;
    std::vector<at::Tensor> gradients;  // as backward() would leave them on `rank`
};

// Parameters of two dtypes, one frozen and one without a gradient on odd ranks (an unused
// branch); gradients drawn from a generator seeded by the rank, so any rank can recompute
// every other rank's.
Model modelOf(int rank) {
    Model m;
    at::Generator g = at::detail::createCPUGenerator(100 + rank);
    const std::vector<std::pair<std::vector<int64_t>, at::ScalarType>> shapes{
        {{7, 3}, at::kFloat}, {{5}, at::kFloat}, {{4, 4}, at::kDouble}, {{3}, at::kDouble},
        {{11}, at::kFloat},   {{6}, at::kFloat}, {{40}, at::kFloat}};
    for (std::size_t i = 0; i < shapes.size(); ++i) {
        at::Tensor p = at::zeros(shapes[i].first, shapes[i].second);
        const bool frozen = i == 4;
        const bool unused = i == 5 && rank % 2 == 1;
        p.set_requires_grad(!frozen);
        at::Tensor grad = at::randn(shapes[i].first, g, shapes[i].second);
        if (!frozen && !unused) p.mutable_grad() = grad.clone();
        m.parameters.push_back(p);
        m.gradients.push_back(unused ? at::zeros_like(grad) : grad);
    }
    return m;
}

Status buckets(Group& group) {
    const Model mine = modelOf(group.rank());
    auto count = averageGradients(group.tensors(), mine.parameters, 64);
    if (!count) return count.error();
    double worst = 0;
    std::vector<at::Tensor> averaged;
    for (std::size_t i = 0; i < mine.parameters.size(); ++i) {
        if (!mine.parameters[i].requires_grad()) {
            say("frozen-untouched", mine.parameters[i].grad().defined() ? "no" : "yes");
            continue;
        }
        at::Tensor expected = at::zeros_like(mine.gradients[i], at::kDouble);
        for (int r = 0; r < group.worldSize(); ++r) expected += modelOf(r).gradients[i].to(at::kDouble);
        expected /= group.worldSize();
        worst = std::max(worst, (mine.parameters[i].grad().to(at::kDouble) - expected).abs().max().item<double>());
        averaged.push_back(mine.parameters[i].grad());
    }
    say("buckets", QString::number(count.value()));
    say("max-error", QString::number(worst, 'g', 6));
    say("gradients", hashOf(averaged));
    return {};
}

Status counter(Group& group) {
    if (const Status s = group.barrier(); !s) return s;
    QStringList chunks;
    while (true) {
        const auto next = group.add(QStringLiteral("next-chunk"), 1);
        if (!next) return next.error();
        const qint64 chunk = next.value() - 1;
        if (chunk >= 90) break;
        chunks << QString::number(chunk);
        QThread::msleep(10);  // the work on a chunk
    }
    say("chunks", chunks.join(QLatin1Char(',')));
    return group.barrier();
}

// Joins, then stays in the group for 5 s (others may try to join meanwhile).
Status linger(Group& group) {
    QThread::msleep(5000);
    return group.barrier();
}

// All-reduces until killed (or 60 s): the failure tests kill a rank in the middle.
Status loop(Group& group) {
    at::Tensor t = at::ones({1 << 18}, at::kFloat);
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; clock.elapsed() < 60000; ++i) {
        if (const Status s = group.tensors().allReduce(t); !s) return s;
        t.fill_(1.0f);
        if (i == 0) say("looping", QString::number(group.rank()));
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    at::set_num_threads(1);
    QCommandLineParser p;
    for (const char* name : {"rank", "world-size", "master", "store", "interface", "timeout", "join-timeout"})
        p.addOption({QString::fromLatin1(name), QString(), QStringLiteral("value")});
    p.addPositionalArgument(QStringLiteral("scenario"), QString());
    p.process(app);
    const QString scenario = p.positionalArguments().value(0);

    GroupOptions options;
    options.rank = p.value(QStringLiteral("rank")).toInt();
    options.worldSize = p.value(QStringLiteral("world-size")).toInt();
    options.master = p.value(QStringLiteral("master"));
    options.storeFile = p.value(QStringLiteral("store"));
    options.interfaceName = p.value(QStringLiteral("interface"));
    options.timeout = std::chrono::milliseconds(qint64(1000 * p.value(QStringLiteral("timeout")).toDouble()));
    options.joinTimeout = std::chrono::milliseconds(qint64(1000 * p.value(QStringLiteral("join-timeout")).toDouble()));
    options.threads = 1;
    options.onListening = [](const QString& address) { say("listening", address); };
    auto group = join(options);
    if (!group) {
        std::fprintf(stderr, "error: %s\n", qPrintable(group.error().message()));
        return 1;
    }
    say("joined", QString::number(group.value()->rank()));
    Status outcome;
    if (scenario == QLatin1String("join")) outcome = group.value()->barrier();
    else if (scenario == QLatin1String("broadcast")) outcome = broadcast(*group.value());
    else if (scenario == QLatin1String("allreduce")) outcome = allReduce(*group.value());
    else if (scenario == QLatin1String("buckets")) outcome = buckets(*group.value());
    else if (scenario == QLatin1String("counter")) outcome = counter(*group.value());
    else if (scenario == QLatin1String("loop")) outcome = loop(*group.value());
    else if (scenario == QLatin1String("linger")) outcome = linger(*group.value());
    else outcome = Error{scenario, QStringLiteral("unknown scenario")};
    if (!outcome) {
        std::fprintf(stderr, "error: %s\n", qPrintable(outcome.error().message()));
        return 1;
    }
    // Rank 0 serves the TCP store: it leaves last, after every rank is done with it.
    if (const Status s = group.value()->barrier(); !s) {
        std::fprintf(stderr, "error: %s\n", qPrintable(s.error().message()));
        return 1;
    }
    return 0;
}
