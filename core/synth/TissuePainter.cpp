#include "synth/TissuePainter.h"

#include <cmath>

namespace medq::synth::tissue {

constexpr double kPi = 3.14159265358979323846;

bool contains(const Ellipse& e, double x, double y) {
    const double t = e.degrees * kPi / 180.0, c = std::cos(t), s = std::sin(t);
    const double u = ((x - e.x0) * c + (y - e.y0) * s) / e.a, v = (-(x - e.x0) * s + (y - e.y0) * c) / e.b;
    return u * u + v * v <= 1.0;
}

std::vector<Ellipse> headEllipses() {
    return {{0, 0, 0.72, 0.95, 0, Scalp},         {0, 0, 0.69, 0.92, 0, Skull},
            {0, -0.0184, 0.6624, 0.874, 0, Grey}, {0, 0.35, 0.21, 0.25, 0, White},
            {0.22, 0, 0.11, 0.31, -18, Csf},      {-0.22, 0, 0.16, 0.41, 18, Csf},
            {0, 0.1, 0.046, 0.046, 0, Lesion},    {0, -0.1, 0.046, 0.046, 0, Lesion},
            {-0.08, -0.605, 0.046, 0.023, 0, Lesion}, {0, -0.606, 0.023, 0.023, 0, Lesion},
            {0.06, -0.605, 0.023, 0.046, 0, Lesion}};
}

std::vector<Ellipse> bodyEllipses() {
    return {{0, 0, 0.9, 0.64, 0, Fat},          {0, -0.02, 0.8, 0.54, 0, Muscle},
            {0, 0.02, 0.7, 0.46, 0, Fat},       {-0.34, 0.08, 0.34, 0.3, -10, Liver},
            {0.42, 0.12, 0.16, 0.2, 20, Spleen}, {-0.28, -0.22, 0.09, 0.14, 15, Kidney},
            {0.28, -0.22, 0.09, 0.14, -15, Kidney}, {0, -0.36, 0.13, 0.12, 0, Cortex},
            {0, -0.36, 0.1, 0.09, 0, Bone},     {0.05, -0.16, 0.05, 0.05, 0, Vessel},
            {0.1, 0.25, 0.07, 0.05, 30, Gas},   {0.22, 0.05, 0.05, 0.04, 0, Gas}};
}

void perturb(std::vector<Ellipse>& ellipses, Random& random, std::size_t shells, Tissue host, double hostScale) {
    const double scaleX = random.uniform(0.9, 1.04), scaleY = random.uniform(0.9, 1.04);
    const double shiftX = random.uniform(-0.04, 0.04), shiftY = random.uniform(-0.04, 0.04);
    const double turn = random.uniform(-8, 8), t = turn * kPi / 180.0;
    for (std::size_t i = 0; i < ellipses.size(); ++i) {
        Ellipse& e = ellipses[i];
        if (i >= shells) {
            e.x0 += random.uniform(-0.02, 0.02);
            e.y0 += random.uniform(-0.02, 0.02);
            e.a *= random.uniform(0.9, 1.1);
            e.b *= random.uniform(0.9, 1.1);
            e.degrees += random.uniform(-6, 6);
        }
        e.valueOffset = random.uniform(-1, 1);
        const double x = e.x0 * scaleX, y = e.y0 * scaleY;
        e.x0 = x * std::cos(t) - y * std::sin(t) + shiftX;
        e.y0 = x * std::sin(t) + y * std::cos(t) + shiftY;
        e.a *= scaleX;
        e.b *= scaleY;
        e.degrees += turn;
    }
    Ellipse hostEllipse = ellipses[0];
    for (const auto& e : ellipses)
        if (e.tissue == host) hostEllipse = e;
    const int lesions = random.uniformInt(0, 3);
    for (int i = 0; i < lesions; ++i) {
        const double r = std::sqrt(random.uniform()) * 0.7 * hostScale, a = random.uniform(0, 2 * kPi);
        const double size = random.uniform(0.02, 0.06);
        ellipses.push_back({hostEllipse.x0 + r * hostEllipse.a * std::cos(a), hostEllipse.y0 + r * hostEllipse.b * std::sin(a),
                            size, size * random.uniform(0.6, 1.0), random.uniform(0, 180), Lesion, random.uniform(-1, 1)});
    }
}

Image paint(int size, const std::vector<Ellipse>& ellipses, double background, const std::function<double(Tissue, double)>& value,
            const std::vector<float>& texture, double textureAmplitude) {
    Image img(size, size);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            double sum = 0;
            bool inside = false;
            for (int sy = 0; sy < 2; ++sy) {
                for (int sx = 0; sx < 2; ++sx) {
                    const double nx = 2.0 * (x + 0.25 + 0.5 * sx) / size - 1.0;
                    const double ny = 1.0 - 2.0 * (y + 0.25 + 0.5 * sy) / size;  // y up
                    double v = background;
                    for (const auto& e : ellipses)
                        if (contains(e, nx, ny)) v = value(e.tissue, e.valueOffset), inside = true;
                    sum += v;
                }
            }
            const std::size_t i = std::size_t(y) * size + x;
            img.voxels[i] = float(sum / 4.0 + (inside ? textureAmplitude * texture[i] : 0.0));
        }
    }
    return img;
}

double ctValue(Tissue t, double offset) {
    switch (t) {
    case Scalp: return 30 + 10 * offset;
    case Skull: return 1000 + 150 * offset;
    case Grey: return 38 + 3 * offset;
    case White: return 26 + 3 * offset;
    case Csf: return 6 + 3 * offset;
    case Lesion: return 62 + 15 * offset;
    case Fat: return -95 + 10 * offset;
    case Muscle: return 45 + 5 * offset;
    case Liver: return 60 + 8 * offset;
    case Spleen: return 48 + 6 * offset;
    case Kidney: return 32 + 6 * offset;
    case Vessel: return 42 + 5 * offset;
    case Bone: return 350 + 60 * offset;
    case Cortex: return 1100 + 150 * offset;
    case Gas: return -950;
    case Lung: return -850 + 40 * offset;
    case Blood: return 40 + 5 * offset;
    case Marrow: return 30 + 30 * offset;  // mixed red and yellow marrow
    case Cartilage: return 110 + 15 * offset;
    }
    return 0;
}

// Relative MRI signal of each tissue for T1- and T2-weighted (or proton-density) contrast.
double mriSignal(Tissue t, bool t2) {
    switch (t) {
    case Fat: case Scalp: return t2 ? 0.7 : 0.9;
    case Muscle: return t2 ? 0.25 : 0.32;
    case Liver: return t2 ? 0.3 : 0.5;
    case Spleen: return t2 ? 0.6 : 0.38;
    case Kidney: return t2 ? 0.65 : 0.42;
    case Vessel: case Blood: return 0.05;  // flow void
    case Cortex: case Skull: return 0.04;  // cortical bone gives almost no signal
    case Bone: case Marrow: return t2 ? 0.55 : 0.82;
    case Cartilage: return t2 ? 0.5 : 0.45;
    case Gas: case Lung: return 0.02;
    case Grey: return t2 ? 0.52 : 0.5;
    case White: return t2 ? 0.4 : 0.68;
    case Csf: return t2 ? 0.95 : 0.14;
    case Lesion: return t2 ? 0.78 : 0.34;
    }
    return 0.5;
}

void pose(std::vector<Ellipse>& ellipses, Random& random, double minScale, double shift, double degrees) {
    const double scale = random.uniform(minScale, 1.05), aspect = random.uniform(0.92, 1.08);
    const double dx = random.uniform(-shift, shift), dy = random.uniform(-shift, shift);
    const double turn = random.uniform(-degrees, degrees), t = turn * kPi / 180.0;
    for (Ellipse& e : ellipses) {
        const double x = e.x0 * scale * aspect, y = e.y0 * scale / aspect;
        e.x0 = x * std::cos(t) - y * std::sin(t) + dx;
        e.y0 = x * std::sin(t) + y * std::cos(t) + dy;
        e.a *= scale * aspect;
        e.b *= scale / aspect;
        e.degrees += turn;
    }
}

}  // namespace medq::synth::tissue
