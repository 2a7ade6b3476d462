// Dispatch of the ticket commands (dispatch.cpp calls these): who may see or move a ticket, the
// engine call, the reply with the tickets as they are after it. Engine thread only.
#pragma once

#include "engine/command.h"
#include "engine/reply.h"

namespace tix::engine {

TicketListReply Dispatch(const Engine& engine, const GetTickets& command);
TicketReply Dispatch(const Engine& engine, const GetTicket& command);
TransferReply Dispatch(Engine& engine, const TransferTicket& command, TimePoint now);
CheckInReply Dispatch(Engine& engine, const CheckIn& command);
UploadScansReply Dispatch(Engine& engine, const UploadScans& command);
CheckInStatsReply Dispatch(const Engine& engine, const GetCheckInStats& command);
ScanConflictsReply Dispatch(const Engine& engine, const GetScanConflicts& command);
TicketBundleReply Dispatch(const Engine& engine, const GetTicketBundle& command);

}  // namespace tix::engine
