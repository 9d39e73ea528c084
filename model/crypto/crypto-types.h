/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_CRYPTO_TYPES_H
#define NATT_CRYPTO_TYPES_H

#include "ns3/abort.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

/**
 * \defgroup natt-crypto natt cryptography
 * \ingroup natt
 *
 * OpenSSL 3 wrappers: byte vectors in, byte vectors out. Nothing here knows
 * what a packet is. Nothing here draws random numbers either: keys, IVs and
 * private values come from the caller (ns-3 random streams), so a seed
 * reproduces a run. Bad input (a wrong length, a forged tag, a peer's public
 * value out of range) is reported through CryptoStatus / CryptoResult, never
 * by aborting.
 */

namespace ns3
{

/// The unit of everything in natt's crypto layer.
using Bytes = std::vector<uint8_t>;

/**
 * \ingroup natt-crypto
 * Why an operation failed; converts to a failed CryptoStatus or CryptoResult,
 * so a function can `return CryptoFailure{"reason"};`.
 */
struct CryptoFailure
{
    std::string reason;
};

/**
 * \ingroup natt-crypto
 * Success, or failure with a reason.
 */
class CryptoStatus
{
  public:
    /// Success.
    CryptoStatus() = default;

    /// Failure (implicit so that functions can return a CryptoFailure).
    CryptoStatus(CryptoFailure failure)
        : m_ok(false),
          m_reason(std::move(failure.reason))
    {
    }

    bool IsOk() const
    {
        return m_ok;
    }

    explicit operator bool() const
    {
        return m_ok;
    }

    /// \return why the operation failed (empty on success)
    const std::string& GetReason() const
    {
        return m_reason;
    }

  private:
    bool m_ok{true};
    std::string m_reason;
};

/**
 * \ingroup natt-crypto
 * A value, or failure with a reason. Reads like std::optional (operator bool,
 * operator*, operator->) and adds GetReason().
 */
template <typename T>
class CryptoResult
{
  public:
    /// Success (implicit so that functions can return the value).
    CryptoResult(T value)
        : m_value(std::move(value))
    {
    }

    /// Failure (implicit so that functions can return a CryptoFailure).
    CryptoResult(CryptoFailure failure)
        : m_reason(std::move(failure.reason))
    {
    }

    bool HasValue() const
    {
        return m_value.has_value();
    }

    explicit operator bool() const
    {
        return m_value.has_value();
    }

    /// \return the value; reading a failed result is a programming error
    const T& GetValue() const&
    {
        NS_ABORT_MSG_UNLESS(m_value.has_value(), "no value in a failed CryptoResult: " << m_reason);
        return *m_value;
    }

    /// \return the value; reading a failed result is a programming error
    T& GetValue() &
    {
        NS_ABORT_MSG_UNLESS(m_value.has_value(), "no value in a failed CryptoResult: " << m_reason);
        return *m_value;
    }

    /// \return the value, moved out; reading a failed result is a programming error
    T&& GetValue() &&
    {
        NS_ABORT_MSG_UNLESS(m_value.has_value(), "no value in a failed CryptoResult: " << m_reason);
        return std::move(*m_value);
    }

    const T& operator*() const&
    {
        return GetValue();
    }

    T& operator*() &
    {
        return GetValue();
    }

    T&& operator*() &&
    {
        return std::move(*this).GetValue();
    }

    const T* operator->() const
    {
        return &GetValue();
    }

    T* operator->()
    {
        return &GetValue();
    }

    /// \return why the operation failed (empty on success)
    const std::string& GetReason() const
    {
        return m_reason;
    }

    /// \return the outcome without the value
    CryptoStatus GetStatus() const
    {
        return HasValue() ? CryptoStatus() : CryptoStatus(CryptoFailure{m_reason});
    }

  private:
    std::optional<T> m_value;
    std::string m_reason;
};

/**
 * \ingroup natt-crypto
 * Compare two byte strings in time that does not depend on where they
 * differ (CRYPTO_memcmp). Used for ICVs and hashes received from peers.
 *
 * \return true if both have the same length and the same bytes
 */
bool ConstantTimeEquals(const Bytes& a, const Bytes& b);

/**
 * \ingroup natt-crypto
 * \return the whole file at \p path (PEM keys and certificates), or failure
 *         if it cannot be read
 */
CryptoResult<std::string> ReadTextFile(const std::string& path);

/**
 * \ingroup natt-crypto
 * \return the arguments one after the other (RFC 2409 and RFC 7296 build
 *         most of their PRF inputs this way: Ni | Nr | SPIi | SPIr ...)
 */
template <typename... More>
Bytes
Concat(const Bytes& first, const More&... more)
{
    Bytes out;
    out.reserve((first.size() + ... + more.size()));
    out.insert(out.end(), first.begin(), first.end());
    (out.insert(out.end(), more.begin(), more.end()), ...);
    return out;
}

} // namespace ns3

#endif /* NATT_CRYPTO_TYPES_H */
