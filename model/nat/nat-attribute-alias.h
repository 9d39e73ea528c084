/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_NAT_ATTRIBUTE_ALIAS_H
#define NATT_NAT_ATTRIBUTE_ALIAS_H

#include "ns3/attribute.h"
#include "ns3/object-base.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{

/**
 * \ingroup natt-nat
 * \brief An attribute of an owner that is another name for an attribute of
 * one of its behaviour objects: NatEngine's old names (UdpMappingTimeout,
 * ...) kept when the value moved into a behaviour (issue 11).
 *
 * Setting it sets the attribute \c name of the object \c getter returns at
 * that moment; reading it reads that attribute back. A behaviour swapped in
 * later keeps its own values: the alias reaches whichever object is current.
 */
template <class Owner, class Behaviour>
class NatAttributeAlias : public AttributeAccessor
{
  public:
    NatAttributeAlias(Ptr<Behaviour> (Owner::*getter)() const, std::string name)
        : m_getter(getter),
          m_name(std::move(name))
    {
    }

    bool Set(ObjectBase* object, const AttributeValue& value) const override
    {
        Ptr<Behaviour> target = Target(object);
        return target && target->SetAttributeFailSafe(m_name, value);
    }

    bool Get(const ObjectBase* object, AttributeValue& value) const override
    {
        Ptr<Behaviour> target = Target(object);
        if (!target)
        {
            return false;
        }
        target->GetAttribute(m_name, value);
        return true;
    }

    bool HasGetter() const override
    {
        return true;
    }

    bool HasSetter() const override
    {
        return true;
    }

  private:
    Ptr<Behaviour> Target(const ObjectBase* object) const
    {
        const auto* owner = dynamic_cast<const Owner*>(object);
        return owner ? (owner->*m_getter)() : nullptr;
    }

    Ptr<Behaviour> (Owner::*m_getter)() const;
    std::string m_name;
};

/// The accessor of an alias for attribute \p name of the behaviour \p getter returns.
template <class Owner, class Behaviour>
Ptr<const AttributeAccessor>
MakeNatAttributeAlias(Ptr<Behaviour> (Owner::*getter)() const, const std::string& name)
{
    return Ptr<const AttributeAccessor>(new NatAttributeAlias<Owner, Behaviour>(getter, name),
                                        false);
}

} // namespace ns3

#endif /* NATT_NAT_ATTRIBUTE_ALIAS_H */
