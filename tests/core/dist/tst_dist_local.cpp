// The group of one process (world size 1) through the same calls a distributed run makes,
// the worker's task loop over its store, and the parsing of addresses, options and sizes.
// ATen before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include "dist/GradientBuckets.h"
#include "dist/Group.h"
#include "dist/LocalAddress.h"
#include "dist/SelfTest.h"
#include "dist/TaskChannel.h"
#include "dist/TensorCollectives.h"

#include <QJsonDocument>
#include <QtTest>
#include <thread>

using namespace medq;
using namespace medq::dist;

namespace {

std::unique_ptr<Group> singleGroup(std::chrono::milliseconds timeout = std::chrono::milliseconds(300)) {
    GroupOptions options;
    options.timeout = timeout;
    auto group = join(options);
    return group ? group.take() : nullptr;
}

}  // namespace

class DistLocalTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { at::set_num_threads(1); }

    void worldSizeOneRunsTheSameCalls() {
        auto group = singleGroup();
        QVERIFY(group);
        QCOMPARE(group->rank(), 0);
        QCOMPARE(group->worldSize(), 1);
        QCOMPARE(group->who(), QStringLiteral("rank 0 of 1"));
        QVERIFY(group->barrier());

        TensorCollectives& c = group->tensors();
        std::vector<at::Tensor> ts{at::arange(10, at::kFloat), at::arange(6, at::kLong).reshape({2, 3}).t()};
        const std::vector<at::Tensor> before{ts[0].clone(), ts[1].clone()};
        QVERIFY(c.broadcast(ts, 0));
        QVERIFY(ts[0].equal(before[0]) && ts[1].equal(before[1]));
        at::Tensor sum = at::full({4}, 2.5);
        QVERIFY(c.allReduce(sum, ReduceOp::Sum));
        QVERIFY(c.allReduceMean(sum));
        QVERIFY(sum.eq(2.5).all().item<bool>());

        at::Tensor weight = at::zeros({3, 3});
        weight.set_requires_grad(true);
        weight.mutable_grad() = at::full({3, 3}, 0.75);
        at::Tensor bias = at::zeros({3}, at::kDouble);
        bias.set_requires_grad(true);  // no gradient this step: becomes zeros
        const auto buckets = averageGradients(c, {weight, bias});
        QVERIFY(buckets);
        QCOMPARE(buckets.value(), 2);  // one per dtype
        QVERIFY(weight.grad().eq(0.75).all().item<bool>());
        QVERIFY(bias.grad().defined() && bias.grad().eq(0).all().item<bool>());

        const Status wrongRoot = c.broadcast(ts, 1);
        QVERIFY(!wrongRoot);
        QVERIFY2(wrongRoot.error().message().contains("rank 0 of 1: broadcast from rank 1"), qPrintable(wrongRoot.error().message()));
        at::Tensor integers = at::ones({2}, at::kLong);
        QVERIFY(!c.allReduceMean(integers));
    }

    void storeCountsSetsAndWaits() {
        auto group = singleGroup();
        QCOMPARE(group->add("chunk", 1).value(), 1);
        QCOMPARE(group->add("chunk", 1).value(), 2);
        QCOMPARE(group->add("chunk", 5).value(), 7);
        QVERIFY(group->set("task", "selftest"));
        QCOMPARE(group->get("task").value(), QByteArray("selftest"));
        QVERIFY(group->check({"task", "chunk"}).value());
        QVERIFY(!group->check({"task", "nothing"}).value());
        QVERIFY(!group->add("task", 1));  // not a number

        const Status waited = group->wait({"task", "never"}, std::chrono::milliseconds(100));
        QVERIFY(!waited);
        QVERIFY2(waited.error().message().contains("timed out after 0.1 s: nobody set never"), qPrintable(waited.error().message()));
        QVERIFY(!group->get("never"));  // after the group's 0.3 s

        // Another thread of the process sets what get() waits for.
        std::thread setter([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            (void)group->set("late", "here");
        });
        const Status arrived = group->wait({"late"}, std::chrono::seconds(10));
        setter.join();
        QVERIFY(arrived);
        QCOMPARE(group->get("late").value(), QByteArray("here"));
    }

    void workerRunsTasksUntilEnd() {
        auto group = singleGroup();
        TaskChannel lead(*group);
        QJsonObject count{{"task", "count"}, {"by", 3}};
        QCOMPARE(lead.post(count).value(), 0);
        QCOMPARE(lead.post(count).value(), 1);
        QCOMPARE(lead.post({{"task", kEndTask}}).value(), 2);
        int total = 0;
        TaskChannel worker(*group);
        const Status served = worker.serve({{"count", [&](Group&, const QJsonObject& t) {
                                                 total += t.value("by").toInt();
                                                 return Status();
                                             }}},
                                           std::chrono::seconds(1));
        QVERIFY2(served, qPrintable(served ? QString() : served.error().message()));
        QCOMPARE(total, 6);
        QCOMPARE(group->get("task/0/result/0").value(), QByteArray("ok"));
        QCOMPARE(group->get("task/2/result/0").value(), QByteArray("ok"));
    }

    void workerRefusesATaskItDoesNotKnow() {
        auto group = singleGroup();
        TaskChannel lead(*group);
        QVERIFY(lead.post({{"task", "frobnicate"}}));
        TaskChannel worker(*group);
        const Status served = worker.serve({}, std::chrono::seconds(1));
        QVERIFY(!served);
        QVERIFY2(served.error().message().contains("does not know the task 'frobnicate'"), qPrintable(served.error().message()));
        QVERIFY(group->get("task/0/result/0").value().startsWith("failed: rank 0 of 1: this worker does not know"));
        // No task at all: the worker gives up after its idle timeout, saying so.
        TaskChannel idle(*group);
        (void)idle.next(std::chrono::milliseconds(10));  // task 0, consumed
        const auto none = idle.next(std::chrono::milliseconds(100));
        QVERIFY(!none);
        QVERIFY2(none.error().message().contains("no task from rank 0 within 0.1 s"), qPrintable(none.error().message()));
    }

    void selfTestOnOneProcess() {
        auto group = singleGroup();
        SelfTestSettings settings;
        settings.sizes = {1024, 4096};
        settings.repeats = 2;
        const auto fromTask = SelfTestSettings::fromTask(settings.toTask());
        QVERIFY(fromTask);
        QCOMPARE(fromTask.value().sizes, settings.sizes);
        QCOMPARE(fromTask.value().repeats, 2);
        const auto report = runSelfTest(*group, fromTask.value());
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message()));
        QCOMPARE(report.value().timings.size(), std::size_t(2));
        QCOMPARE(report.value().timings[1].bytes, qint64(4096));
        QVERIFY(report.value().table().contains("4 KiB"));
    }

    void selfTestSizesParse() {
        const auto sizes = SelfTestSettings::parseSizes("1K, 1M,16m,4096");
        QVERIFY(sizes);
        QCOMPARE(sizes.value(), (std::vector<qint64>{1024, 1 << 20, 16 << 20, 4096}));
        QVERIFY(!SelfTestSettings::parseSizes("12X"));
        QVERIFY(!SelfTestSettings::parseSizes("2"));  // less than one float
        QVERIFY(!SelfTestSettings::parseSizes("99999999999G"));
        QVERIFY(!SelfTestSettings::parseSizes(""));
    }

    void hostPortParses_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << "10.0.0.5:29500" << "10.0.0.5" << 29500;
        QTest::newRow("name") << "node-1.lab:0" << "node-1.lab" << 0;
        QTest::newRow("ipv6") << "[::1]:1234" << "::1" << 1234;
        QTest::newRow("no port") << "node-1" << "" << -1;
        QTest::newRow("empty port") << "node-1:" << "" << -1;
        QTest::newRow("port too big") << "node-1:65536" << "" << -1;
        QTest::newRow("bare ipv6") << "::1:1234" << "" << -1;
    }
    void hostPortParses() {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        const auto parsed = HostPort::parse(text);
        QCOMPARE(parsed.ok(), port >= 0);
        if (!parsed) return;
        QCOMPARE(parsed.value().host, host);
        QCOMPARE(int(parsed.value().port), port);
        QCOMPARE(parsed.value().toString(), text);
    }

    void optionsAreChecked() {
        GroupOptions o;
        o.worldSize = 3;
        o.rank = 3;
        o.master = "127.0.0.1:29500";
        QVERIFY(!o.validate());
        o.rank = 1;
        QVERIFY(o.validate());
        o.master = "127.0.0.1:0";  // only rank 0 may let the system pick the port
        QVERIFY(!o.validate());
        o.master.clear();
        QVERIFY(!o.validate());  // no store at all
        o.storeFile = "/tmp/store";
        QVERIFY(o.validate());
        o.master = "127.0.0.1:29500";
        QVERIFY(!o.validate());  // both
        GroupOptions outside;
        outside.rank = 2;
        outside.worldSize = 2;
        const auto refused = join(outside);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().startsWith("rank 2 of 2: the rank must be from 0 to 1"), qPrintable(refused.error().message()));
    }

    void loopbackAddressIsLoopback() {
        QCOMPARE(localAddressToward("127.0.0.1").value(), QStringLiteral("127.0.0.1"));
        QVERIFY(HostPort::parse("127.0.0.1:1").value().isLoopback());
        QVERIFY(HostPort::parse("localhost:1").value().isLoopback());
        QVERIFY(!HostPort::parse("10.1.2.3:1").value().isLoopback());
    }
};

QTEST_GUILESS_MAIN(DistLocalTest)
#include "tst_dist_local.moc"
