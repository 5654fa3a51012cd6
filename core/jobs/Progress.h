#pragma once
// What a running job sees of the engine: a place to report progress and a cancel flag.
#include <QString>
#include <algorithm>
#include <atomic>
#include <functional>
#include <stdexcept>

namespace medq::jobs {

// Thrown by Progress::checkCancelled(); the engine turns it into a "cancelled" outcome.
class JobCancelled : public std::runtime_error {
public:
    JobCancelled() : std::runtime_error("cancelled") {}
};

class Progress {
public:
    using Sink = std::function<void(double fraction, const QString& phrase)>;

    Progress(const std::atomic<bool>* cancelFlag, Sink sink, double start = 0.0, double end = 1.0)
        : m_cancel(cancelFlag), m_sink(std::move(sink)), m_start(start), m_end(end) {}

    // fraction in [0, 1] of this (sub-)range.
    void report(double fraction, const QString& phrase) const {
        if (m_sink) m_sink(m_start + (m_end - m_start) * std::clamp(fraction, 0.0, 1.0), phrase);
    }
    bool isCancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }
    void checkCancelled() const {
        if (isCancelled()) throw JobCancelled();
    }
    // A progress for the part [from, to] of this range (e.g. scanning = 0..0.2).
    Progress sub(double from, double to) const {
        const double span = m_end - m_start;
        return Progress(m_cancel, m_sink, m_start + span * from, m_start + span * to);
    }

private:
    const std::atomic<bool>* m_cancel;
    Sink m_sink;
    double m_start, m_end;
};

}  // namespace medq::jobs
