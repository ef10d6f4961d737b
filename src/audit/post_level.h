// How high a post is, for comparing posts of different classes: the one
// place the audit orders JabatanLevel (docs/audit.md, committee_member_level).
//
// Structural posts: JPT utama > JPT madya > JPT pratama > administrator >
// pengawas > pelaksana. Functional posts stand level with the structural
// post they are equivalent to (PermenPANRB 17/2021 on the equalisation of
// administrative into functional posts; PP 11/2017 Art. 107: JPT madya is
// open to Ahli Utama, JPT pratama to Ahli Madya): Ahli Utama with JPT
// pratama, Ahli Madya with administrator, Ahli Muda with pengawas, Ahli
// Pertama and the whole skills track (Penyelia, Mahir, Terampil, Pemula)
// below pengawas, with pelaksana.
#pragma once

#include "jejak/schema/common.capnp.h"

namespace jejak::audit {

// 1 (pelaksana and equivalents) .. 6 (JPT utama); 0 for unspecified.
int PostHeight(schema::JabatanLevel level);

}  // namespace jejak::audit
