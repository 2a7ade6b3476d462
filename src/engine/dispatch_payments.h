// Dispatch of the payment commands (dispatch.cpp calls these): the engine call, then the reply
// with the order and payment as they are after it. Engine thread only.
#pragma once

#include "engine/command.h"
#include "engine/reply.h"

namespace tix::engine {

PaymentReply Dispatch(Engine& engine, const OpenPayment& command, TimePoint now);
PaymentReply Dispatch(Engine& engine, const AttachPayment& command, TimePoint now);
PaymentReply Dispatch(Engine& engine, const AbandonPayment& command, TimePoint now);
PaymentEventReply Dispatch(Engine& engine, const ApplyPaymentEvent& command, TimePoint now);
PaymentReply Dispatch(Engine& engine, const RequestRefund& command, TimePoint now);
PaymentsReply Dispatch(const Engine& engine, const GetPayments& command);

}  // namespace tix::engine
