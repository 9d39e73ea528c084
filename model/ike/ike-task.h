/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_IKE_TASK_H
#define NATT_IKE_TASK_H

#include "ns3/ike-message.h"
#include "ns3/simple-ref-count.h"

#include <string>

namespace ns3
{

/**
 * \ingroup natt-ike
 * \brief One elementary IKE operation (NAT detection, key exchange,
 * authentication, child SA setup, ...), strongSwan style: its role is fixed
 * when it is created; Build adds its payloads to an outgoing message and
 * Process reads them from an incoming one. A version's task manager decides
 * which tasks make up each exchange.
 *
 * Messages seen here are plaintext: the task manager encrypts and decrypts
 * (SK payload, IKEv1 encrypted body) around the tasks.
 */
class IkeTask : public SimpleRefCount<IkeTask>
{
  public:
    enum Status : uint8_t
    {
        SUCCESS,   ///< done: remove the task
        NEED_MORE, ///< keep the task for the next message
        FAILED,    ///< abort the exchange; GetFailureReason says why
    };

    virtual ~IkeTask() = default;
    /// Short name for logs and traces ("ike-natd", "quick-mode", ...).
    virtual std::string GetName() const = 0;
    virtual Status Build(IkeMessage& message) = 0;
    virtual Status Process(const IkeMessage& message) = 0;

    /// A short stable code (e.g. "no-proposal", "auth-failed", "id-mismatch").
    const std::string& GetFailureReason() const
    {
        return m_failureReason;
    }

  protected:
    Status Failed(const std::string& reason)
    {
        m_failureReason = reason;
        return FAILED;
    }

  private:
    std::string m_failureReason;
};

} // namespace ns3

#endif /* NATT_IKE_TASK_H */
