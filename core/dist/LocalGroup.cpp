#include "dist/LocalGroup.h"

#include "dist/TensorCollectives.h"

#include <QHash>
#include <condition_variable>
#include <mutex>

namespace medq::dist {
namespace {

class DonePending final : public PendingCollective {
public:
    Status wait() override { return {}; }
};

class LocalGroup final : public Group, public TensorCollectives {
public:
    explicit LocalGroup(std::chrono::milliseconds timeout) : m_timeout(timeout) {}

    int rank() const override { return 0; }
    int worldSize() const override { return 1; }
    Status barrier() override { return {}; }

    Result<qint64> add(const QString& key, qint64 delta) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        bool ok = true;
        const auto it = m_values.constFind(key);
        const qint64 now = (it == m_values.constEnd() ? 0 : it->toLongLong(&ok)) + delta;
        if (!ok) return Error{who(), QStringLiteral("store add '%1': the value there is not a number").arg(key)};
        m_values.insert(key, QByteArray::number(now));
        m_changed.notify_all();
        return now;
    }
    Status set(const QString& key, const QByteArray& value) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_values.insert(key, value);
        m_changed.notify_all();
        return {};
    }
    Result<QByteArray> get(const QString& key) override {
        if (const Status s = wait({key}, m_timeout); !s) return s.error();
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_values.value(key);
    }
    Status wait(const QStringList& keys, std::chrono::milliseconds timeout) override {
        std::unique_lock<std::mutex> lock(m_mutex);
        const auto allSet = [&] {
            for (const QString& k : keys)
                if (!m_values.contains(k)) return false;
            return true;
        };
        if (m_changed.wait_for(lock, timeout, allSet)) return {};
        QStringList missing;
        for (const QString& k : keys)
            if (!m_values.contains(k)) missing << k;
        return Error{who(), QStringLiteral("store wait timed out after %1: nobody set %2")
                                .arg(secondsText(timeout), missing.join(QLatin1String(", ")))};
    }
    Result<bool> check(const QStringList& keys) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        for (const QString& k : keys)
            if (!m_values.contains(k)) return false;
        return true;
    }
    TensorCollectives& tensors() override { return *this; }

    Status broadcastTensor(at::Tensor& tensor, int root) override {
        if (root != 0) return Error{who(), QStringLiteral("broadcast from rank %1: there is only rank 0").arg(root)};
        if (!tensor.defined()) return Error{who(), QStringLiteral("broadcast of an undefined tensor")};
        return {};
    }
    Result<std::unique_ptr<PendingCollective>> startAllReduce(at::Tensor& tensor, ReduceOp) override {
        if (!tensor.defined()) return Error{who(), QStringLiteral("all-reduce of an undefined tensor")};
        return std::unique_ptr<PendingCollective>(std::make_unique<DonePending>());
    }
    int collectiveWorldSize() const override { return 1; }
    QString collectiveSubject() const override { return who(); }

private:
    std::chrono::milliseconds m_timeout;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QHash<QString, QByteArray> m_values;
};

}  // namespace

std::unique_ptr<Group> makeLocalGroup(std::chrono::milliseconds timeout) { return std::make_unique<LocalGroup>(timeout); }

}  // namespace medq::dist
