#pragma once
// The engine thread: runs queued jobs one at a time and reports through Qt signals,
// which reach GUI objects as queued calls on their own thread.
#include "jobs/Job.h"

#include <QObject>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace medq::jobs {

class JobEngine : public QObject {
    Q_OBJECT
public:
    explicit JobEngine(QObject* parent = nullptr);
    ~JobEngine() override;  // cancels what runs, drops the queue, joins the thread

    // Queues a job; returns its id (1, 2, ...).
    int submit(std::unique_ptr<Job> job);
    // Cancels a queued or running job (running jobs stop at their next check).
    void cancel(int id);
    void cancelAll();
    // Blocks until the queue is empty and nothing runs, or the timeout passes.
    bool waitForIdle(int timeoutMs);
    int pendingCount() const;

signals:
    void jobQueued(int id, const QString& kind, const QString& title);
    void jobStarted(int id);
    // fraction 0..1; etaSeconds < 0 when unknown.
    void jobProgress(int id, double fraction, const QString& phrase, double etaSeconds);
    void jobFinished(int id, const medq::jobs::JobOutcome& outcome);

private:
    struct Entry {
        int id;
        std::unique_ptr<Job> job;
        std::shared_ptr<std::atomic<bool>> cancel;
    };
    void loop();
    void runEntry(Entry& entry);

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::deque<Entry> m_queue;
    std::shared_ptr<std::atomic<bool>> m_runningCancel;
    int m_runningId = 0;
    int m_nextId = 1;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace medq::jobs
