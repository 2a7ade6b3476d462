// Operating errors (IO, storage, configuration) as values. Domain outcomes are enums of their own;
// bugs are assertions. Exceptions do not cross a layer.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tix {

class Status {
  public:
    enum class Code { kOk, kInvalidArgument, kNotFound, kAlreadyExists, kIoError, kCorruption };

    Status() = default;
    static Status Ok() { return {}; }
    static Status InvalidArgument(std::string msg) {
        return {Code::kInvalidArgument, std::move(msg)};
    }
    static Status NotFound(std::string msg) { return {Code::kNotFound, std::move(msg)}; }
    static Status AlreadyExists(std::string msg) { return {Code::kAlreadyExists, std::move(msg)}; }
    static Status IoError(std::string msg) { return {Code::kIoError, std::move(msg)}; }
    static Status Corruption(std::string msg) { return {Code::kCorruption, std::move(msg)}; }

    bool ok() const { return code_ == Code::kOk; }
    Code code() const { return code_; }
    const std::string& message() const { return message_; }
    std::string ToString() const;

  private:
    Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

    Code code_ = Code::kOk;
    std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
  public:
    Result(T value) : state_(std::move(value)) {}        // NOLINT: implicit by design
    Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
        assert(!std::get<Status>(state_).ok());
    }

    bool ok() const { return std::holds_alternative<T>(state_); }
    const Status& status() const {
        static const Status kOk;
        return ok() ? kOk : std::get<Status>(state_);
    }
    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

  private:
    std::variant<T, Status> state_;
};

}  // namespace tix
