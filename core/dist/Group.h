#pragma once
// A group of cooperating processes (ranks 0..worldSize-1, on one machine or several):
// barriers, a small shared key-value store, and, for torch code, tensor collectives
// (dist/TensorCollectives.h). Every failure is an Error naming this rank and the
// operation. join() gives the single-process group for a world size of 1 (collectives do
// nothing, the store is a map in memory), else a Gloo group over torch's c10d
// (dist/GlooGroup.cpp, the only code that touches c10d). docs/scale-out.md.
#include "common/Result.h"
#include "dist/GroupOptions.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>

namespace medq::dist {

class TensorCollectives;

class Group {
public:
    virtual ~Group() = default;

    virtual int rank() const = 0;
    virtual int worldSize() const = 0;
    // "rank 1 of 3": the subject of this group's errors.
    QString who() const;

    // Returns once every rank has called it (or the timeout, or a rank failed).
    virtual Status barrier() = 0;

    // The store: small coordination data (tasks, counters, results), never bulk data.
    // Adds `delta` to the integer at `key` (0 when unset) and returns the new value, atomically
    // across ranks: add(key, 1) - 1 hands out 0, 1, 2, ... once each.
    virtual Result<qint64> add(const QString& key, qint64 delta) = 0;
    virtual Status set(const QString& key, const QByteArray& value) = 0;
    // The value at `key`, waiting up to the group's timeout for some rank to set it.
    virtual Result<QByteArray> get(const QString& key) = 0;
    // Waits until every key is set, up to `timeout`; the error names the keys still unset.
    virtual Status wait(const QStringList& keys, std::chrono::milliseconds timeout) = 0;
    // Whether every key is set now (does not wait).
    virtual Result<bool> check(const QStringList& keys) = 0;

    // Broadcast and all-reduce of tensors; the header that defines it includes ATen.
    virtual TensorCollectives& tensors() = 0;
};

// Joins the group `options` describe: blocks until every rank has joined (or the join
// timeout; the error then names the ranks that never came and where they were expected).
Result<std::unique_ptr<Group>> join(const GroupOptions& options);

}  // namespace medq::dist
