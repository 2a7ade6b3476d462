#include "service/completion_home.h"

namespace tix::service {
namespace {

thread_local CompletionHome* current_home = nullptr;

}  // namespace

CompletionHome* CompletionHome::Current() { return current_home; }

void CompletionHome::BindToThisThread(CompletionHome* home) { current_home = home; }

}  // namespace tix::service
