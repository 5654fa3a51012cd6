#pragma once
// How many CPU threads training should use. On 2 cores shared with other work, two
// OpenMP threads collapse (measured: 2.5 vs 23.7 samples/s at load 4.5, 2 vs 1 thread),
// while one thread degrades gracefully; on an idle machine two threads are ~1.7x faster.
namespace medq::learn {

// All cores when the 1-minute load average is below 1, else 1.
int suggestedThreadCount();

}  // namespace medq::learn
