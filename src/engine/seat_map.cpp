#include "engine/seat_map.h"

#include <algorithm>
#include <bit>
#include <cstdlib>

#include "engine/tix_assert.h"

namespace tix::engine {
namespace {

constexpr std::uint32_t kWordBits = 64;

std::uint32_t WordsFor(std::uint32_t bits) { return (bits + kWordBits - 1) / kWordBits; }

// `length` bits from `offset` within one word. REQUIRES: 1 <= length, offset + length <= 64.
std::uint64_t Mask(std::uint32_t offset, std::uint32_t length) {
    const std::uint64_t ones = length == kWordBits ? ~0ULL : (1ULL << length) - 1;
    return ones << offset;
}

}  // namespace

SeatMap::SeatMap(const ZoneSpec& zone) {
    rows_.reserve(zone.rows.size());
    std::uint32_t words = 0;
    for (const RowSpec& spec : zone.rows) {
        Row row;
        row.first_seat = capacity_;
        row.seats = spec.seats;
        row.free = spec.seats;
        row.max_run = spec.seats;
        row.first_word = words;
        rows_.push_back(row);
        capacity_ += spec.seats;
        words += WordsFor(spec.seats);
    }
    available_ = capacity_;
    free_bits_.assign(words, 0);
    for (const Row& row : rows_) {
        std::uint64_t* w = Words(row);
        for (std::uint32_t i = 0; i < row.seats / kWordBits; ++i) w[i] = ~0ULL;
        if (row.seats % kWordBits != 0) w[row.seats / kWordBits] = Mask(0, row.seats % kWordBits);
    }
    owners_.assign(capacity_, kFree);
    rows_with_free_.assign(WordsFor(row_count()), 0);
    for (std::uint32_t r = 0; r < row_count(); ++r) SetRowHasFree(r, true);
}

std::uint32_t SeatMap::RowOf(std::uint32_t seat) const {
    TIX_ASSERT(seat < capacity_, "seat index out of range");
    const auto after =
        std::upper_bound(rows_.begin(), rows_.end(), seat,
                         [](std::uint32_t s, const Row& row) { return s < row.first_seat; });
    return static_cast<std::uint32_t>(after - rows_.begin()) - 1;
}

std::uint32_t SeatMap::NextFree(const Row& row, std::uint32_t pos) const {
    if (pos >= row.seats) return row.seats;
    const std::uint64_t* words = Words(row);
    const std::uint32_t word_count = WordsFor(row.seats);
    std::uint32_t w = pos / kWordBits;
    std::uint64_t bits = words[w] & (~0ULL << (pos % kWordBits));
    while (bits == 0) {
        if (++w == word_count) return row.seats;
        bits = words[w];
    }
    // Bits past the row's last seat are always 0, so this is a seat of the row.
    return w * kWordBits + static_cast<std::uint32_t>(std::countr_zero(bits));
}

std::uint32_t SeatMap::NextTaken(const Row& row, std::uint32_t pos) const {
    if (pos >= row.seats) return row.seats;
    const std::uint64_t* words = Words(row);
    const std::uint32_t word_count = WordsFor(row.seats);
    std::uint32_t w = pos / kWordBits;
    std::uint64_t bits = ~words[w] & (~0ULL << (pos % kWordBits));
    while (bits == 0) {
        if (++w == word_count) return row.seats;
        bits = ~words[w];
    }
    return std::min(row.seats, w * kWordBits + static_cast<std::uint32_t>(std::countr_zero(bits)));
}

std::uint32_t SeatMap::PrevTaken(const Row& row, std::uint32_t pos) const {
    const std::uint64_t* words = Words(row);
    for (std::uint32_t end = pos; end > 0;) {
        const std::uint32_t w = (end - 1) / kWordBits;
        const std::uint32_t bits_below = end - w * kWordBits;  // 1..64 positions of word w
        const std::uint64_t taken = ~words[w] & Mask(0, bits_below);
        if (taken != 0) {
            return w * kWordBits + kWordBits - static_cast<std::uint32_t>(std::countl_zero(taken));
        }
        end = w * kWordBits;
    }
    return 0;
}

bool SeatMap::WindowFree(const Row& row, std::uint32_t start, std::uint32_t length) const {
    const std::uint64_t* words = Words(row);
    while (length > 0) {
        const std::uint32_t offset = start % kWordBits;
        const std::uint32_t take = std::min(length, kWordBits - offset);
        const std::uint64_t mask = Mask(offset, take);
        if ((words[start / kWordBits] & mask) != mask) return false;
        start += take;
        length -= take;
    }
    return true;
}

bool SeatMap::BestWindow(const Row& row, std::uint32_t length, std::uint32_t& start,
                         std::uint32_t& max_run) const {
    // A window starting at s has its centre at s + (length - 1) / 2 and the row's centre is at
    // (seats - 1) / 2, so twice their distance is |2s - (seats - length)|: integers only. Within
    // a free run [a, b) the best start is the ideal one clamped to [a, b - length]; runs are
    // visited left to right and only a strictly better one wins, so ties go to lower seats.
    const std::uint32_t ideal = (row.seats - std::min(length, row.seats)) / 2;
    const std::int64_t twice_ideal = static_cast<std::int64_t>(row.seats) - length;
    std::int64_t best = -1;
    max_run = 0;
    for (std::uint32_t a = NextFree(row, 0); a < row.seats;) {
        const std::uint32_t b = NextTaken(row, a);
        max_run = std::max(max_run, b - a);
        if (b - a >= length) {
            const std::uint32_t s = std::clamp(ideal, a, b - length);
            const std::int64_t distance = std::abs(2 * static_cast<std::int64_t>(s) - twice_ideal);
            if (best < 0 || distance < best) {
                best = distance;
                start = s;
            }
        }
        a = NextFree(row, b);
    }
    return best >= 0;
}

void SeatMap::TakeWindow(std::uint32_t row_index, std::uint32_t start, std::uint32_t length,
                         std::uint32_t owner, std::uint32_t* seats) {
    Row& row = rows_[row_index];
    std::uint64_t* words = Words(row);
    for (std::uint32_t pos = start, left = length; left > 0;) {
        const std::uint32_t offset = pos % kWordBits;
        const std::uint32_t take = std::min(left, kWordBits - offset);
        words[pos / kWordBits] &= ~Mask(offset, take);
        pos += take;
        left -= take;
    }
    for (std::uint32_t i = 0; i < length; ++i) {
        const std::uint32_t seat = row.first_seat + start + i;
        owners_[seat] = owner;
        seats[i] = seat;
    }
    row.free -= length;
    available_ -= length;
    if (row.free == 0) SetRowHasFree(row_index, false);
}

bool SeatMap::TakeAdjacent(std::uint32_t quantity, std::uint32_t owner, std::uint32_t* seats) {
    for (std::uint32_t r = NextRowWithFree(0); r < row_count(); r = NextRowWithFree(r + 1)) {
        Row& row = rows_[r];
        if (row.free < quantity || row.max_run < quantity) continue;
        // The centred window is the best there can be; most holds in a filling row end here.
        std::uint32_t start = (row.seats - quantity) / 2;
        if (!WindowFree(row, start, quantity)) {
            std::uint32_t max_run = 0;
            const bool found = BestWindow(row, quantity, start, max_run);
            row.max_run = max_run;  // exact now; taking seats below keeps it an upper bound
            if (!found) continue;
        }
        TakeWindow(r, start, quantity, owner, seats);
        return true;
    }
    return false;
}

void SeatMap::TakeSplit(std::uint32_t quantity, std::uint32_t owner, std::uint32_t* seats) {
    TIX_ASSERT(quantity >= 1 && quantity <= available_, "TakeSplit needs enough free seats");
    std::uint32_t taken = 0;
    for (std::uint32_t r = NextRowWithFree(0); taken < quantity && r < row_count();
         r = NextRowWithFree(r + 1)) {
        while (taken < quantity && rows_[r].free > 0) {
            std::uint32_t start = 0;
            std::uint32_t max_run = 0;
            BestWindow(rows_[r], 1, start, max_run);  // only for the row's longest run
            const std::uint32_t length = std::min(quantity - taken, max_run);
            const bool found = BestWindow(rows_[r], length, start, max_run);
            TIX_ASSERT(found, "a run as long as the longest run exists");
            TakeWindow(r, start, length, owner, seats + taken);
            taken += length;
        }
    }
    TIX_ASSERT(taken == quantity, "TakeSplit took fewer seats than available");
    std::sort(seats, seats + quantity);
}

void SeatMap::Take(std::uint32_t seat, std::uint32_t owner) {
    TIX_ASSERT(owner != kFree && owners_[seat] == kFree, "Take of a seat that is not free");
    const std::uint32_t r = RowOf(seat);
    TakeWindow(r, seat - rows_[r].first_seat, 1, owner, &seat);
}

void SeatMap::Release(std::uint32_t seat, std::uint32_t owner) {
    TIX_ASSERT(owner != kFree && owners_[seat] == owner, "Release of a seat the order lacks");
    const std::uint32_t r = RowOf(seat);
    Row& row = rows_[r];
    const std::uint32_t pos = seat - row.first_seat;
    Words(row)[pos / kWordBits] |= 1ULL << (pos % kWordBits);
    owners_[seat] = kFree;
    if (row.free == 0) SetRowHasFree(r, true);
    ++row.free;
    ++available_;
    // The freed seat may join two runs. The longest run is now the old one or the joined one,
    // so the bound stays exact if it was.
    const std::uint32_t joined = NextTaken(row, pos + 1) - PrevTaken(row, pos);
    row.max_run = std::max(row.max_run, joined);
}

std::uint32_t SeatMap::NextRowWithFree(std::uint32_t row) const {
    if (row >= row_count()) return row_count();
    std::uint32_t w = row / kWordBits;
    std::uint64_t bits = rows_with_free_[w] & (~0ULL << (row % kWordBits));
    while (bits == 0) {
        if (++w == rows_with_free_.size()) return row_count();
        bits = rows_with_free_[w];
    }
    return w * kWordBits + static_cast<std::uint32_t>(std::countr_zero(bits));
}

void SeatMap::SetRowHasFree(std::uint32_t row, bool has_free) {
    const std::uint64_t bit = 1ULL << (row % kWordBits);
    if (has_free) {
        rows_with_free_[row / kWordBits] |= bit;
    } else {
        rows_with_free_[row / kWordBits] &= ~bit;
    }
}

void SeatMap::CheckRow(std::uint32_t r) const {
    TIX_ASSERT(r < row_count(), "row out of range");
    const Row& row = rows_[r];
    const std::uint64_t* words = Words(row);
    std::uint32_t free = 0;
    for (std::uint32_t w = 0; w < WordsFor(row.seats); ++w) free += std::popcount(words[w]);
    TIX_ASSERT(free == row.free, "row free count disagrees with its bitset");
    if (row.seats % kWordBits != 0) {
        TIX_ASSERT((words[row.seats / kWordBits] & ~Mask(0, row.seats % kWordBits)) == 0,
                   "bits past the row's last seat are set");
    }
    std::uint32_t run = 0;
    std::uint32_t max_run = 0;
    for (std::uint32_t pos = 0; pos < row.seats; ++pos) {
        const bool is_free = (words[pos / kWordBits] >> (pos % kWordBits)) & 1;
        TIX_ASSERT(is_free == (owners_[row.first_seat + pos] == kFree),
                   "free bit disagrees with the seat's owner");
        run = is_free ? run + 1 : 0;
        max_run = std::max(max_run, run);
    }
    TIX_ASSERT(row.max_run >= max_run, "row max_run is below its longest free run");
    const bool has_free = (rows_with_free_[r / kWordBits] >> (r % kWordBits)) & 1;
    TIX_ASSERT(has_free == (row.free > 0), "rows-with-free bit disagrees with the free count");
}

void SeatMap::CheckRows() const {
    std::uint64_t free = 0;
    std::uint32_t seat = 0;
    for (std::uint32_t r = 0; r < row_count(); ++r) {
        const Row& row = rows_[r];
        TIX_ASSERT(row.first_seat == seat && row.free <= row.seats, "row bookkeeping is broken");
        const bool has_free = (rows_with_free_[r / kWordBits] >> (r % kWordBits)) & 1;
        TIX_ASSERT(has_free == (row.free > 0), "rows-with-free bit disagrees with the free count");
        free += row.free;
        seat += row.seats;
    }
    TIX_ASSERT(seat == capacity_, "rows do not add up to the capacity");
    TIX_ASSERT(free == available_, "row free counts do not add up to the zone's available");
}

void SeatMap::CheckAll() const {
    CheckRows();
    for (std::uint32_t r = 0; r < row_count(); ++r) CheckRow(r);
}

std::size_t SeatMap::bytes() const {
    return rows_.capacity() * sizeof(Row) + free_bits_.capacity() * sizeof(std::uint64_t) +
           owners_.capacity() * sizeof(std::uint32_t) +
           rows_with_free_.capacity() * sizeof(std::uint64_t);
}

}  // namespace tix::engine
