// The only translation unit that includes c10d: the store (TCPStore on rank 0, or a
// FileStore), the rendezvous, and ProcessGroupGloo. Every c10d exception becomes an Error
// naming this rank, the operation and, where it can be told, the rank waited for.
// c10d's C++ API is marked as changing (ProcessGroup.hpp in 1.13; ProcessGroupGloo derives
// from c10d::Backend from 2.0), so nothing of it leaves this file.
// c10d (and so ATen) before any Qt header: Qt's `slots` macro breaks ATen's ivalue_inl.h.
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>

#include <c10/util/Exception.h>

#include "dist/GlooGroup.h"

#include "dist/LocalAddress.h"
#include "dist/TensorCollectives.h"

#include <QRegularExpression>
#include <exception>

namespace medq::dist {
namespace {

// Keys under "medq/": "join/<rank>" (one add per rank), "world-size" (set by rank 0),
// "gloo/..." (Gloo's own rendezvous), "kv/..." (the Group's store for callers).
const std::string kJoinPrefix = "medq/join/";
const std::string kWorldSizeKey = "medq/world-size";

std::string toKey(const QString& key) { return key.toStdString(); }

std::vector<std::string> toKeys(const QStringList& keys) {
    std::vector<std::string> out;
    out.reserve(std::size_t(keys.size()));
    for (const QString& k : keys) out.push_back(toKey(k));
    return out;
}

std::vector<uint8_t> toBytes(const QByteArray& value) { return {value.begin(), value.end()}; }

QByteArray fromBytes(const std::vector<uint8_t>& value) {
    return QByteArray(reinterpret_cast<const char*>(value.data()), qsizetype(value.size()));
}

// The exception's message without c10's backtrace or Gloo's "[file.cc:123] " prefix.
QString reasonOf(const std::exception& e) {
    const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
    QString text = QString::fromLocal8Bit(c10Error ? c10Error->what_without_backtrace() : e.what()).trimmed();
    static const QRegularExpression sourcePrefix(QStringLiteral("^\\[[^\\]]*\\.(cc|cpp|h):\\d+\\]\\s*"));
    text.remove(sourcePrefix);
    const int traceback = text.indexOf(QLatin1String("\nException raised from"));
    if (traceback >= 0) text.truncate(traceback);
    return text.trimmed();
}

bool isTimeout(const QString& reason) {
    return reason.contains(QLatin1String("timed out"), Qt::CaseInsensitive) ||
           reason.contains(QLatin1String("timeout"), Qt::CaseInsensitive);
}

bool isLostPeer(const QString& reason) {
    for (const char* sign : {"closed", "reset by peer", "Broken pipe", "EOF", "Connection refused", "got 0 bytes"})
        if (reason.contains(QLatin1String(sign), Qt::CaseInsensitive)) return true;
    return false;
}

QString rankList(const std::vector<int>& ranks) {
    QStringList out;
    for (int r : ranks) out << QString::number(r);
    return out.join(QLatin1String(", "));
}

c10d::ReduceOp toC10d(ReduceOp op) {
    switch (op) {
    case ReduceOp::Sum: return c10d::ReduceOp::SUM;
    case ReduceOp::Min: return c10d::ReduceOp::MIN;
    case ReduceOp::Max: return c10d::ReduceOp::MAX;
    }
    return c10d::ReduceOp::SUM;
}

class GlooGroup;

class GlooPending final : public PendingCollective {
public:
    GlooPending(const GlooGroup& group, c10::intrusive_ptr<c10d::Work> work) : m_group(group), m_work(std::move(work)) {}
    Status wait() override;

private:
    const GlooGroup& m_group;
    c10::intrusive_ptr<c10d::Work> m_work;
};

class GlooGroup final : public Group, public TensorCollectives {
public:
    explicit GlooGroup(const GroupOptions& options) : m_options(options) {}

    Status connect();

    int rank() const override { return m_options.rank; }
    int worldSize() const override { return m_options.worldSize; }

    Status barrier() override {
        try {
            m_gloo->barrier()->wait();
            return {};
        } catch (const std::exception& e) {
            return collectiveFailure("barrier", e);
        }
    }

    Result<qint64> add(const QString& key, qint64 delta) override {
        try {
            return qint64(m_store->add(toKey(key), delta));
        } catch (const std::exception& e) {
            return storeFailure(QStringLiteral("add '%1'").arg(key), e);
        }
    }
    Status set(const QString& key, const QByteArray& value) override {
        try {
            m_store->set(toKey(key), toBytes(value));
            return {};
        } catch (const std::exception& e) {
            return storeFailure(QStringLiteral("set '%1'").arg(key), e);
        }
    }
    Result<QByteArray> get(const QString& key) override {
        try {
            return fromBytes(m_store->get(toKey(key)));
        } catch (const std::exception& e) {
            const QString reason = reasonOf(e);
            if (isTimeout(reason))
                return Error{who(), QStringLiteral("store get '%1' timed out after %2: no rank set it")
                                        .arg(key, secondsText(m_options.timeout))};
            return storeFailure(QStringLiteral("get '%1'").arg(key), e);
        }
    }
    Status wait(const QStringList& keys, std::chrono::milliseconds timeout) override {
        try {
            m_store->wait(toKeys(keys), timeout);
            return {};
        } catch (const std::exception& e) {
            const QString reason = reasonOf(e);
            if (!isTimeout(reason)) return storeFailure(QStringLiteral("wait"), e);
            QStringList unset;
            try {
                for (const QString& k : keys)
                    if (!m_store->check({toKey(k)})) unset << k;
            } catch (const std::exception&) {
                unset = keys;
            }
            return Error{who(), QStringLiteral("store wait timed out after %1: nobody set %2")
                                    .arg(secondsText(timeout), unset.join(QLatin1String(", ")))};
        }
    }
    Result<bool> check(const QStringList& keys) override {
        try {
            return m_store->check(toKeys(keys));
        } catch (const std::exception& e) {
            return storeFailure(QStringLiteral("check"), e);
        }
    }

    TensorCollectives& tensors() override { return *this; }
    int collectiveWorldSize() const override { return m_options.worldSize; }
    QString collectiveSubject() const override { return who(); }

    Status broadcastTensor(at::Tensor& tensor, int root) override {
        if (const Status s = checkTensor(tensor, "broadcast"); !s) return s;
        if (root < 0 || root >= worldSize())
            return Error{who(), QStringLiteral("broadcast from rank %1, which is not in the group").arg(root)};
        try {
            std::vector<at::Tensor> tensors{tensor};
            c10d::BroadcastOptions options;
            options.rootRank = root;
            m_gloo->broadcast(tensors, options)->wait();
            return {};
        } catch (const std::exception& e) {
            return collectiveFailure("broadcast", e);
        }
    }

    Result<std::unique_ptr<PendingCollective>> startAllReduce(at::Tensor& tensor, ReduceOp op) override {
        if (const Status s = checkTensor(tensor, "all-reduce"); !s) return s.error();
        try {
            // One tensor per call: Gloo reads several tensors as copies on several devices
            // and would sum them together.
            std::vector<at::Tensor> tensors{tensor};
            c10d::AllreduceOptions options;
            options.reduceOp = toC10d(op);
            return std::unique_ptr<PendingCollective>(std::make_unique<GlooPending>(*this, m_gloo->allreduce(tensors, options)));
        } catch (const std::exception& e) {
            return collectiveFailure("all-reduce", e);
        }
    }

    // "rank 1 of 2: all-reduce timed out after 10 s waiting for rank 0 (...)".
    Error collectiveFailure(const char* operation, const std::exception& e) const {
        const QString reason = reasonOf(e);
        const QString peer = worldSize() == 2 ? QStringLiteral("rank %1").arg(1 - rank()) : QStringLiteral("another rank");
        if (isTimeout(reason))
            return Error{who(), QStringLiteral("%1 timed out after %2 waiting for %3 (%4)")
                                    .arg(QLatin1String(operation), secondsText(m_options.timeout), peer, reason)};
        if (isLostPeer(reason))
            return Error{who(), QStringLiteral("%1 failed: lost the connection to %2, which has probably stopped (%3)")
                                    .arg(QLatin1String(operation), peer, reason)};
        return Error{who(), QStringLiteral("%1 failed: %2").arg(QLatin1String(operation), reason)};
    }

private:
    Status checkTensor(const at::Tensor& tensor, const char* operation) const {
        if (!tensor.defined()) return Error{who(), QStringLiteral("%1 of an undefined tensor").arg(QLatin1String(operation))};
        if (!tensor.device().is_cpu())
            return Error{who(), QStringLiteral("%1 of a tensor on %2: this libtorch's Gloo takes CPU tensors")
                                    .arg(QLatin1String(operation), QString::fromStdString(tensor.device().str()))};
        if (!tensor.is_contiguous() || tensor.is_sparse())
            return Error{who(), QStringLiteral("%1 needs a dense contiguous tensor").arg(QLatin1String(operation))};
        return {};
    }

    // Where the store is, for messages: "127.0.0.1:29500" or "store file /tmp/x/store".
    QString storeName() const {
        return m_options.storeFile.isEmpty() ? m_masterAddress : QStringLiteral("store file %1").arg(m_options.storeFile);
    }

    Error storeFailure(const QString& operation, const std::exception& e) const {
        const QString reason = reasonOf(e);
        if (isLostPeer(reason) && m_options.storeFile.isEmpty())
            return Error{who(), QStringLiteral("store %1 failed: lost the connection to rank 0's store at %2, so rank 0 has "
                                               "probably stopped (%3)")
                                    .arg(operation, storeName(), reason)};
        return Error{who(), QStringLiteral("store %1 at %2 failed: %3").arg(operation, storeName(), reason)};
    }

    Status openStore();
    Status rendezvous();
    Status connectGloo();

    GroupOptions m_options;
    QString m_masterAddress;  // HOST:PORT with the port rank 0 actually listens on
    c10::intrusive_ptr<c10d::Store> m_root;
    c10::intrusive_ptr<c10d::Store> m_store;  // "medq/kv/" of m_root
    c10::intrusive_ptr<c10d::ProcessGroupGloo> m_gloo;
};

Status GlooPending::wait() {
    try {
        m_work->wait();
        return {};
    } catch (const std::exception& e) {
        return m_group.collectiveFailure("all-reduce", e);
    }
}

Status GlooGroup::openStore() {
    if (!m_options.storeFile.isEmpty()) {
        try {
            m_root = c10::make_intrusive<c10d::FileStore>(m_options.storeFile.toStdString(), m_options.worldSize);
            m_root->setTimeout(m_options.joinTimeout);
            return {};
        } catch (const std::exception& e) {
            return Error{who(), QStringLiteral("cannot open the store file %1: %2").arg(m_options.storeFile, reasonOf(e))};
        }
    }
    const HostPort master = HostPort::parse(m_options.master).take();
    c10d::TCPStoreOptions options;
    options.port = master.port;
    options.isServer = rank() == 0;
    options.numWorkers = std::size_t(worldSize());
    options.waitWorkers = false;  // the rendezvous below waits, and can name who is missing
    options.timeout = m_options.joinTimeout;
    try {
        auto store = c10::make_intrusive<c10d::TCPStore>(master.host.toStdString(), options);
        m_masterAddress = HostPort{master.host, store->getPort()}.toString();
        m_root = store;
    } catch (const std::exception& e) {
        if (rank() == 0)
            return Error{who(), QStringLiteral("cannot listen on %1 for the group: %2").arg(master.toString(), reasonOf(e))};
        return Error{who(), QStringLiteral("cannot reach the master (rank 0) at %1 within %2; is it running, and is the "
                                           "port open between the machines? (%3)")
                                .arg(master.toString(), secondsText(m_options.joinTimeout), reasonOf(e))};
    }
    if (rank() == 0 && m_options.onListening) m_options.onListening(m_masterAddress);
    return {};
}

// Every rank announces itself under "join/<rank>" and waits for all the others, so a rank
// that never comes is named (Gloo's own rendezvous only says that a key timed out).
Status GlooGroup::rendezvous() {
    try {
        // The world size first: a rank that disagrees leaves without counting as joined.
        const std::string size = std::to_string(worldSize());
        if (rank() == 0) {
            m_root->set(kWorldSizeKey, std::vector<uint8_t>(size.begin(), size.end()));
        } else {
            const std::vector<uint8_t> theirs = m_root->get(kWorldSizeKey);
            const std::string theirSize(theirs.begin(), theirs.end());
            if (theirSize != size)
                return Error{who(), QStringLiteral("rank 0 at %1 started a group of %2 processes, not %3")
                                        .arg(storeName(), QString::fromStdString(theirSize), QString::fromStdString(size))};
        }
        const int64_t claims = m_root->add(kJoinPrefix + std::to_string(rank()), 1);
        if (claims > 1)
            return Error{who(), QStringLiteral("another process has already joined %1 as rank %2; each process needs its "
                                               "own rank")
                                    .arg(storeName())
                                    .arg(rank())};
    } catch (const std::exception& e) {
        const QString reason = reasonOf(e);
        if (isTimeout(reason))
            return Error{who(), QStringLiteral("rank 0 did not join at %1 within %2").arg(storeName(), secondsText(m_options.joinTimeout))};
        return Error{who(), QStringLiteral("joining at %1 failed: %2").arg(storeName(), reason)};
    }
    std::vector<std::string> keys;
    for (int r = 0; r < worldSize(); ++r) keys.push_back(kJoinPrefix + std::to_string(r));
    try {
        m_root->wait(keys, m_options.joinTimeout);
        return {};
    } catch (const std::exception& e) {
        const QString reason = reasonOf(e);
        if (isLostPeer(reason) && rank() != 0 && m_options.storeFile.isEmpty())
            return Error{who(), QStringLiteral("lost rank 0's store at %1 while waiting for the others to join; rank 0 has "
                                               "stopped (it gives up when a rank does not join within its join timeout) (%2)")
                                    .arg(storeName(), reason)};
        if (!isTimeout(reason)) return Error{who(), QStringLiteral("joining at %1 failed: %2").arg(storeName(), reason)};
        std::vector<int> missing;
        std::vector<int> joined;
        try {
            for (int r = 0; r < worldSize(); ++r) (m_root->check({keys[std::size_t(r)]}) ? joined : missing).push_back(r);
        } catch (const std::exception& checkFailure) {
            return Error{who(), QStringLiteral("joining at %1 failed: %2").arg(storeName(), reasonOf(checkFailure))};
        }
        return Error{who(), QStringLiteral("%1 %2 did not join the group at %3 within %4 (joined: %5)")
                                .arg(missing.size() == 1 ? QStringLiteral("rank") : QStringLiteral("ranks"), rankList(missing),
                                     storeName(), secondsText(m_options.joinTimeout), rankList(joined))};
    }
}

Status GlooGroup::connectGloo() {
    auto options = c10d::ProcessGroupGloo::Options::create(m_options.timeout);
    options->threads = m_options.threads;
    QString address;
    try {
        if (!m_options.interfaceName.isEmpty()) {
            address = QStringLiteral("interface %1").arg(m_options.interfaceName);
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(m_options.interfaceName.toStdString()));
        } else if (!m_options.storeFile.isEmpty()) {
            address = QStringLiteral("this host's name");
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        } else {
            const auto local = localAddressToward(HostPort::parse(m_options.master).value().host);
            if (!local) return Error{who(), QStringLiteral("no address toward the master: %1").arg(local.error().message())};
            address = local.value();
            options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(address.toStdString()));
        }
    } catch (const std::exception& e) {
        return Error{who(), QStringLiteral("cannot use %1 for the group's traffic: %2").arg(address, reasonOf(e))};
    }
    try {
        auto glooStore = c10::make_intrusive<c10d::PrefixStore>("medq/gloo", m_root);
        m_gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(glooStore, rank(), worldSize(), options);
        return {};
    } catch (const std::exception& e) {
        return Error{who(), QStringLiteral("connecting to the other ranks from %1 failed; every rank must reach every other "
                                           "one (choose the network with --interface): %2")
                                .arg(address, reasonOf(e))};
    }
}

Status GlooGroup::connect() {
    if (const Status s = openStore(); !s) return s;
    if (const Status s = rendezvous(); !s) return s;
    if (const Status s = connectGloo(); !s) return s;
    m_root->setTimeout(m_options.timeout);
    m_store = c10::make_intrusive<c10d::PrefixStore>("medq/kv", m_root);
    return {};
}

}  // namespace

Result<std::unique_ptr<Group>> joinGloo(const GroupOptions& options) {
    if (const Status valid = options.validate(); !valid) return valid.error();
    auto group = std::make_unique<GlooGroup>(options);
    if (const Status s = group->connect(); !s) return s.error();
    return std::unique_ptr<Group>(std::move(group));
}

}  // namespace medq::dist
