// Appends one change list to another, moving: the journal's batches and the books' changes.
#pragma once

#include <iterator>
#include <vector>

namespace tix::engine {

// Moves `from`'s records to the end of `to` (a swap when `to` is empty: no copy). `from` is left
// valid but unspecified: clear it.
template <typename Record>
void MoveAppend(std::vector<Record>& to, std::vector<Record>& from) {
    if (to.empty()) {
        to.swap(from);
        return;
    }
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace tix::engine
