/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_ENUM_ACCESSOR_H
#define NATT_ENUM_ACCESSOR_H

#include "ns3/enum.h"

#include <utility>

namespace ns3
{

namespace natt_detail
{

// ns-3.41 made EnumValue a template on the enum type: MakeEnumAccessor<E>
// must then be told E. ns-3.37's MakeEnumAccessor is not a template on E and
// takes no such argument. Exactly one of the two calls below is well formed
// for the ns-3 being compiled against; the int/long tag picks the first
// when both are.
template <typename E, typename Member>
auto
MakeEnumAccessorFor(Member member, int) -> decltype(MakeEnumAccessor<E>(member))
{
    return MakeEnumAccessor<E>(member);
}

template <typename E, typename Member>
auto
MakeEnumAccessorFor(Member member, long) -> decltype(MakeEnumAccessor(member))
{
    return MakeEnumAccessor(member);
}

template <typename E, typename Setter, typename Getter>
auto
MakeEnumAccessorFor(Setter setter, Getter getter, int)
    -> decltype(MakeEnumAccessor<E>(setter, getter))
{
    return MakeEnumAccessor<E>(setter, getter);
}

template <typename E, typename Setter, typename Getter>
auto
MakeEnumAccessorFor(Setter setter, Getter getter, long)
    -> decltype(MakeEnumAccessor(setter, getter))
{
    return MakeEnumAccessor(setter, getter);
}

} // namespace natt_detail

/**
 * \ingroup natt
 * \brief MakeEnumAccessor for an enum data member, in every ns-3 release
 * natt builds with (3.37 and 3.41 onwards spell it differently).
 *
 * \param member the enum data member, e.g. &NatEngine::m_mapping
 * \return the attribute accessor
 */
template <typename Class, typename E>
Ptr<const AttributeAccessor>
MakeEnumMemberAccessor(E Class::*member)
{
    return natt_detail::MakeEnumAccessorFor<E>(member, 0);
}

/**
 * \ingroup natt
 * \brief MakeEnumAccessor for a setter and a getter, in every ns-3 release
 * natt builds with.
 *
 * \param setter e.g. &NatEngine::SetPortAllocation, taking the enum
 * \param getter e.g. &NatEngine::GetPortAllocation, returning it
 * \return the attribute accessor
 */
template <typename Class, typename E>
Ptr<const AttributeAccessor>
MakeEnumMethodAccessor(void (Class::*setter)(E), E (Class::*getter)() const)
{
    return natt_detail::MakeEnumAccessorFor<E>(setter, getter, 0);
}

} // namespace ns3

#endif /* NATT_ENUM_ACCESSOR_H */
