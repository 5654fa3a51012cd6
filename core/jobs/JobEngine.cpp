#include "jobs/JobEngine.h"

#include "common/Log.h"

#include <QElapsedTimer>
#include <exception>

namespace medq::jobs {

JobEngine::JobEngine(QObject* parent) : QObject(parent) {
    qRegisterMetaType<medq::jobs::JobOutcome>();
    m_thread = std::thread([this] { loop(); });
}

JobEngine::~JobEngine() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        for (auto& e : m_queue) e.cancel->store(true);
        m_queue.clear();
        if (m_runningCancel) m_runningCancel->store(true);
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

int JobEngine::submit(std::unique_ptr<Job> job) {
    const QString kind = job->kind();
    const QString title = job->title();
    int id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = m_nextId++;
        m_queue.push_back({id, std::move(job), std::make_shared<std::atomic<bool>>(false)});
    }
    emit jobQueued(id, kind, title);
    m_wake.notify_all();
    return id;
}

void JobEngine::cancel(int id) {
    bool droppedQueued = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_runningId == id && m_runningCancel) m_runningCancel->store(true);
        for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
            if (it->id == id) {
                m_queue.erase(it);
                droppedQueued = true;
                break;
            }
        }
    }
    if (droppedQueued) {
        emit jobFinished(id, JobOutcome{JobOutcome::Status::Cancelled, tr("Cancelled before it started"), {}});
        m_idle.notify_all();
    }
}

void JobEngine::cancelAll() {
    std::vector<int> ids;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& e : m_queue) ids.push_back(e.id);
        if (m_runningId) ids.push_back(m_runningId);
    }
    for (int id : ids) cancel(id);
}

bool JobEngine::waitForIdle(int timeoutMs) {
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                           [this] { return m_queue.empty() && m_runningId == 0; });
}

int JobEngine::pendingCount() const {
    std::lock_guard lock(m_mutex);
    return int(m_queue.size()) + (m_runningId ? 1 : 0);
}

void JobEngine::loop() {
    for (;;) {
        Entry entry;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop) return;
            entry = std::move(m_queue.front());
            m_queue.pop_front();
            m_runningId = entry.id;
            m_runningCancel = entry.cancel;
        }
        runEntry(entry);
        {
            std::lock_guard lock(m_mutex);
            m_runningId = 0;
            m_runningCancel.reset();
        }
        m_idle.notify_all();
    }
}

void JobEngine::runEntry(Entry& entry) {
    const int id = entry.id;
    emit jobStarted(id);
    QElapsedTimer clock;
    clock.start();
    qint64 lastEmit = -1000;
    double lastFraction = -1;
    // Throttle to ~10 updates per second so a tight loop cannot flood the GUI's event queue.
    Progress progress(entry.cancel.get(), [&](double fraction, const QString& phrase) {
        const qint64 now = clock.elapsed();
        if (now - lastEmit < 100 && fraction - lastFraction < 0.01 && fraction < 1.0) return;
        lastEmit = now;
        lastFraction = fraction;
        const double eta = fraction > 0.01 ? (now / 1000.0) * (1.0 - fraction) / fraction : -1.0;
        emit jobProgress(id, fraction, phrase, eta);
    });
    JobOutcome outcome;
    try {
        // A job that completes despite a late cancel keeps its (complete, consistent) result.
        outcome = entry.job->run(progress);
    } catch (const JobCancelled&) {
        outcome = {JobOutcome::Status::Cancelled, tr("Cancelled"), {}};
    } catch (const std::exception& e) {
        outcome = {JobOutcome::Status::Failed, QString::fromUtf8(e.what()), {}};
    }
    spdlog::info("job {} ({}) {} in {:.1f} s: {}", id, entry.job->kind().toStdString(),
                 JobOutcome::statusName(outcome.status).toStdString(), clock.elapsed() / 1000.0,
                 outcome.message.toStdString());
    emit jobFinished(id, outcome);
}

}  // namespace medq::jobs
