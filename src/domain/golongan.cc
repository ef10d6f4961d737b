// Rank names, order and education caps; predikat order and the SKP matrix.
#include "jejak/domain/golongan.h"

#include <array>

namespace jejak::domain {

namespace {

using schema::Golongan;
using schema::PredikatKinerja;
using schema::Rating;

struct GolonganInfo {
  std::string_view name;
  std::string_view pangkat;
};

// Indexed by GolonganStep (1..17); index 0 is unspecified.
constexpr std::array<GolonganInfo, 18> kGolongan = {{
    {"", ""},
    {"I/a", "Juru Muda"},
    {"I/b", "Juru Muda Tingkat I"},
    {"I/c", "Juru"},
    {"I/d", "Juru Tingkat I"},
    {"II/a", "Pengatur Muda"},
    {"II/b", "Pengatur Muda Tingkat I"},
    {"II/c", "Pengatur"},
    {"II/d", "Pengatur Tingkat I"},
    {"III/a", "Penata Muda"},
    {"III/b", "Penata Muda Tingkat I"},
    {"III/c", "Penata"},
    {"III/d", "Penata Tingkat I"},
    {"IV/a", "Pembina"},
    {"IV/b", "Pembina Tingkat I"},
    {"IV/c", "Pembina Utama Muda"},
    {"IV/d", "Pembina Utama Madya"},
    {"IV/e", "Pembina Utama"},
}};

}  // namespace

int GolonganStep(Golongan g) {
  // The schema numbers the ranks 1..17 in order (frozen), so the step is
  // the enumerant number.
  const auto n = static_cast<int>(g);
  return n >= 1 && n <= 17 ? n : 0;
}

std::string_view GolonganName(Golongan g) { return kGolongan[GolonganStep(g)].name; }

std::string_view PangkatName(Golongan g) { return kGolongan[GolonganStep(g)].pangkat; }

std::optional<Golongan> ParseGolongan(std::string_view name) {
  for (size_t i = 1; i < kGolongan.size(); ++i) {
    if (kGolongan[i].name == name) return static_cast<Golongan>(i);
  }
  return std::nullopt;
}

std::optional<EducationRankRange> RankRangeForEducation(schema::EducationLevel e) {
  using schema::EducationLevel;
  switch (e) {
    case EducationLevel::SD: return EducationRankRange{Golongan::IA, Golongan::IIA};
    case EducationLevel::SLTP: return EducationRankRange{Golongan::IC, Golongan::IIC};
    case EducationLevel::SLTP_KEJURUAN: return EducationRankRange{Golongan::IC, Golongan::IID};
    case EducationLevel::SLTA:
    case EducationLevel::D1: return EducationRankRange{Golongan::IIA, Golongan::IIIB};
    case EducationLevel::D2: return EducationRankRange{Golongan::IIB, Golongan::IIIB};
    case EducationLevel::D3: return EducationRankRange{Golongan::IIC, Golongan::IIIC};
    case EducationLevel::D4:
    case EducationLevel::S1: return EducationRankRange{Golongan::IIIA, Golongan::IIID};
    case EducationLevel::S2: return EducationRankRange{Golongan::IIIB, Golongan::IVA};
    case EducationLevel::S3: return EducationRankRange{Golongan::IIIC, Golongan::IVB};
    case EducationLevel::UNSPECIFIED: break;
  }
  return std::nullopt;
}

int PredikatScore(PredikatKinerja p) {
  switch (p) {
    case PredikatKinerja::SANGAT_BAIK: return 5;
    case PredikatKinerja::BAIK: return 4;
    case PredikatKinerja::BUTUH_PERBAIKAN: return 3;
    case PredikatKinerja::KURANG: return 2;
    case PredikatKinerja::SANGAT_KURANG: return 1;
    case PredikatKinerja::UNSPECIFIED: break;
  }
  return 0;
}

PredikatKinerja PredikatFromMatrix(Rating work_result, Rating behaviour) {
  auto index = [](Rating r) {
    switch (r) {
      case Rating::BELOW: return 0;
      case Rating::MEETS: return 1;
      case Rating::ABOVE: return 2;
      case Rating::UNSPECIFIED: break;
    }
    return -1;
  };
  const int w = index(work_result), b = index(behaviour);
  if (w < 0 || b < 0) return PredikatKinerja::UNSPECIFIED;
  // kMatrix[work result][behaviour], PermenPANRB 6/2022.
  static constexpr PredikatKinerja kMatrix[3][3] = {
      {PredikatKinerja::SANGAT_KURANG, PredikatKinerja::BUTUH_PERBAIKAN,
       PredikatKinerja::BUTUH_PERBAIKAN},
      {PredikatKinerja::KURANG, PredikatKinerja::BAIK, PredikatKinerja::BAIK},
      {PredikatKinerja::KURANG, PredikatKinerja::BAIK, PredikatKinerja::SANGAT_BAIK},
  };
  return kMatrix[w][b];
}

}  // namespace jejak::domain
