#pragma once
// Guards against the AVX-to-SSE transition penalty. Something on the degradation path
// (in a library, not our SSE2-compiled code) returns with the upper halves of the YMM
// registers dirty; every later SSE instruction then pays a false dependency. Measured on
// this machine: a 256x256 phantom took 26 ms before a degradation and 370 ms after it.
// vzeroupper after such calls restores full speed. No-op on CPUs without AVX.
namespace medq::cpu {

void clearUpperVectorState();

}  // namespace medq::cpu
