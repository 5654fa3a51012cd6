#pragma once
// Complex FFT of any length and the 2D k-space of a real image plane, for MRI simulation and
// for the CT ramp filter. Double precision: errors stay far below the 8-bit display step.
#include <complex>
#include <memory>
#include <vector>

namespace medq::synth {

using Complex = std::complex<double>;

// A reusable 1D transform of fixed length n: iterative radix-2 for powers of two, Bluestein's
// chirp-z (via a power-of-two convolution) otherwise.
class FftPlan {
public:
    explicit FftPlan(int n);
    int size() const { return m_n; }
    // In-place unnormalised forward transform X[k] = sum x[j] exp(-2 pi i jk/n).
    void forward(Complex* data) const;
    // In-place inverse, scaled by 1/n so inverse(forward(x)) == x.
    void inverse(Complex* data) const;

private:
    void radix2(Complex* data, bool inverse) const;
    void bluestein(Complex* data, bool inverse) const;

    int m_n = 0;
    bool m_powerOfTwo = true;
    std::vector<Complex> m_twiddles;         // radix-2: exp(-2 pi i k/n), k < n/2
    std::vector<int> m_bitReverse;
    std::vector<Complex> m_chirp;            // Bluestein: exp(-pi i k^2/n)
    std::vector<Complex> m_chirpSpectrum;    // FFT of the conjugate chirp, length m
    std::shared_ptr<const FftPlan> m_inner;  // power-of-two plan of length m >= 2n-1
};

// The 2D spectrum of a real w x h plane in unshifted FFT order. Row index = phase-encode line ky,
// column index = readout frequency kx, as on an MRI scanner with phase encoding along y.
class KSpace {
public:
    static KSpace fromPlane(const float* plane, int width, int height);

    int width() const { return m_width; }
    int height() const { return m_height; }
    // Signed frequency of an array index: 0, 1, ..., n/2-1, -n/2, ..., -1.
    static int signedFrequency(int index, int n) { return index < (n + 1) / 2 ? index : index - n; }
    Complex& at(int column, int row) { return m_data[std::size_t(row) * m_width + column]; }
    const Complex& at(int column, int row) const { return m_data[std::size_t(row) * m_width + column]; }
    std::vector<Complex>& data() { return m_data; }

    // Inverse transform; magnitude image as a magnitude-reconstructed scanner would show it.
    std::vector<float> magnitude() const;
    std::vector<Complex> inverse() const;

private:
    void transform(std::vector<Complex>& values, bool inverse) const;

    int m_width = 0;
    int m_height = 0;
    std::vector<Complex> m_data;
};

}  // namespace medq::synth
