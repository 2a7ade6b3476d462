// The seat inventory of one seated zone: which seats are free, which order owns each taken seat,
// and the best-available search. Owned by the Engine (one per seated zone); single-threaded.
//
// Seats are indexed across the zone's rows in order (row 0 seat 1 is index 0), like
// Order::seats. Rows come nearest the stage first. Per seat the map keeps a 4-byte owner (an order
// id, 0 when free) and one bit in its row's free-seat bitset; per row a free count and an upper
// bound on its longest run of free seats, so full or fragmented rows are skipped without looking
// at their seats; per zone a bitset of rows that have any free seat.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/event_spec.h"

namespace tix::engine {

class SeatMap {
  public:
    static constexpr std::uint32_t kFree = 0;  // owner of a free seat; order ids start at 1

    // REQUIRES: zone is a valid seated zone (ValidateEventSpec).
    explicit SeatMap(const ZoneSpec& zone);

    std::uint32_t capacity() const { return capacity_; }
    std::uint32_t available() const { return available_; }
    std::uint32_t row_count() const { return static_cast<std::uint32_t>(rows_.size()); }
    std::uint32_t RowSeats(std::uint32_t row) const { return rows_[row].seats; }
    // The row a seat index is in. REQUIRES: seat < capacity().
    std::uint32_t RowOf(std::uint32_t seat) const;
    // REQUIRES: row < row_count(), 1 <= number <= RowSeats(row).
    std::uint32_t SeatIndex(std::uint32_t row, std::uint32_t number) const {
        return rows_[row].first_seat + number - 1;
    }
    // The seat's number within its row, from 1.
    std::uint32_t SeatNumber(std::uint32_t seat) const {
        return seat - rows_[RowOf(seat)].first_seat + 1;
    }
    std::uint32_t Owner(std::uint32_t seat) const { return owners_[seat]; }

    // Takes the best `quantity` adjacent seats for `owner`: the first row (nearest the stage) that
    // has that many adjacent free seats, and in it the run whose centre is nearest the row's
    // centre (ties: the lower seat numbers). Writes the seat indices, ascending, to seats[0..
    // quantity). Returns false, taking nothing, if no row has `quantity` adjacent free seats.
    // REQUIRES: quantity >= 1, owner != kFree.
    bool TakeAdjacent(std::uint32_t quantity, std::uint32_t owner, std::uint32_t* seats);

    // Takes `quantity` seats that need not be adjacent, keeping the group together where it can:
    // rows nearest the stage first; within a row, repeatedly as many adjacent seats as its longest
    // free run holds (capped at what is still needed), placed as TakeAdjacent would place them.
    // Writes the seat indices, ascending.
    // REQUIRES: available() >= quantity >= 1, owner != kFree.
    void TakeSplit(std::uint32_t quantity, std::uint32_t owner, std::uint32_t* seats);

    // REQUIRES: the seat is free, owner != kFree.
    void Take(std::uint32_t seat, std::uint32_t owner);
    // REQUIRES: the seat is owned by `owner`.
    void Release(std::uint32_t seat, std::uint32_t owner);

    // Abort on broken bookkeeping. CheckRow is O(row length); CheckRows is O(rows);
    // CheckAll is O(seats).
    void CheckRow(std::uint32_t row) const;
    void CheckRows() const;
    void CheckAll() const;

    // Heap bytes held by this map (for the memory report and benchmarks).
    std::size_t bytes() const;

  private:
    struct Row {
        std::uint32_t first_seat = 0;  // zone seat index of seat number 1
        std::uint32_t seats = 0;
        std::uint32_t free = 0;
        std::uint32_t max_run = 0;     // >= the longest run of free seats (exact after a scan)
        std::uint32_t first_word = 0;  // into free_bits_
    };

    const std::uint64_t* Words(const Row& row) const { return &free_bits_[row.first_word]; }
    std::uint64_t* Words(const Row& row) { return &free_bits_[row.first_word]; }
    // First position >= pos that is free (NextFree) or taken (NextTaken), or row.seats if none.
    std::uint32_t NextFree(const Row& row, std::uint32_t pos) const;
    std::uint32_t NextTaken(const Row& row, std::uint32_t pos) const;
    // One past the last taken position before pos, or 0 if none: where the free run that
    // reaches pos - 1 starts.
    std::uint32_t PrevTaken(const Row& row, std::uint32_t pos) const;
    bool WindowFree(const Row& row, std::uint32_t start, std::uint32_t length) const;
    // The best start of `length` adjacent free seats in the row (see TakeAdjacent); sets
    // max_run to the row's longest free run. False if there is no such run.
    bool BestWindow(const Row& row, std::uint32_t length, std::uint32_t& start,
                    std::uint32_t& max_run) const;
    void TakeWindow(std::uint32_t row, std::uint32_t start, std::uint32_t length,
                    std::uint32_t owner, std::uint32_t* seats);
    // The first row >= row with a free seat, or row_count().
    std::uint32_t NextRowWithFree(std::uint32_t row) const;
    void SetRowHasFree(std::uint32_t row, bool has_free);

    std::vector<Row> rows_;
    std::vector<std::uint64_t> free_bits_;       // per row, word aligned; 1 = free
    std::vector<std::uint32_t> owners_;          // per seat: order id or kFree
    std::vector<std::uint64_t> rows_with_free_;  // per row: 1 = has a free seat
    std::uint32_t capacity_ = 0;
    std::uint32_t available_ = 0;
};

}  // namespace tix::engine
