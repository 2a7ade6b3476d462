// The auditor's side of the waiting room's draw (docs/api.md, "GET .../queue/draw"): the seed
// published at sale start must hash to the commitment published before it, and the published
// order must be the documented function of the seed and the entry ids, reproduced here with
// libsodium's SHA-256 from the contract, not tixd's code. The bench also knows which entry each
// of its users got and the rank it was told, so it checks those agree with the published draw.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "queue_sale_result.h"
#include "setup_client.h"
#include "verification.h"

namespace tix::bench {

struct PublishedDraw {
    std::string seed_hex;         // null before the sale starts: empty here
    std::string seed_sha256_hex;  // the commitment
    std::uint64_t draw_size = 0;
    std::vector<std::uint64_t> entries;  // entry ids, rank 1 first
};

// The documented order: ascending by the first 8 bytes of SHA-256(seed ‖ BE64(id)) as an
// unsigned big-endian number, ties by id; rank 1 first.
std::vector<std::uint64_t> ReproduceDraw(std::span<const std::uint8_t> seed,
                                         std::vector<std::uint64_t> entry_ids);

std::string Sha256Hex(std::span<const std::uint8_t> bytes);
std::optional<std::vector<std::uint8_t>> FromHex(std::string_view hex);

// PASS when the seed matches its commitment, the published order is the reproduced one, and
// every user that knows its draw rank has the rank of its entry in the published draw.
Check AuditDraw(const PublishedDraw& draw, const std::vector<UserRecord>& users);

// Gives each user whose entry is in the draw its published rank: a user that never read its
// status after the draw does not know it. After AuditDraw, which checks the ranks users were told.
void FillDrawRanks(const PublishedDraw& draw, std::vector<UserRecord>& users);

// Reads the whole published draw, page by page (GET .../queue/draw?after=&limit=1000).
Result<PublishedDraw> FetchDraw(SetupClient& client, std::int64_t event_id);

}  // namespace tix::bench
