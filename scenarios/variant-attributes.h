/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef NATT_VARIANT_ATTRIBUTES_H
#define NATT_VARIANT_ATTRIBUTES_H

#include "scenario.h"

#include "ns3/attribute.h"
#include "ns3/object.h"
#include "ns3/type-id.h"

#include <map>
#include <string>
#include <vector>

namespace natt
{

/**
 * \file
 * What happens when a user's `--set ns3::Type::Attribute=VALUE` names an
 * attribute that a variant also sets (DESIGN section 5, "Scenario
 * parameters"): the user's value is kept and the outcome follows it. A
 * variant sets every attribute through VariantValue or
 * SetVariantAttribute, which give way to the user's assignment.
 *
 * The attributes of the catalogue's traffic (echo clients, bulk
 * transfers, the FTP-like applications) are the exception: each entry
 * computes them from its own parameters and sizes its run and its
 * expected counts by them, so a --set of one is refused before any row
 * runs (CheckUserAttributes), naming the entry parameters to use instead.
 */

/**
 * \return the value attribute \p name of an object of type \p tid gets in
 * this run: the user's --set value when the user named that attribute (on
 * \p tid or on the parent type that declares it), else the variant's
 * \p value
 */
ns3::Ptr<ns3::AttributeValue> VariantValue(const RunContext& context,
                                           ns3::TypeId tid,
                                           const std::string& name,
                                           const ns3::AttributeValue& value);

/**
 * The user's --set attributes of \p tid and of the types it derives from,
 * by attribute name: for a helper that sets them over its own choices
 * (Lab::Build gives them to each NatHelper, over the preset and the
 * entry's settings).
 */
std::map<std::string, std::string> UserAttributes(const RunContext& context, ns3::TypeId tid);

/// Set \p object's attribute \p name to VariantValue(context, its type, name, value).
void SetVariantAttribute(const RunContext& context,
                         ns3::Ptr<ns3::Object> object,
                         const std::string& name,
                         const ns3::AttributeValue& value);

/**
 * Set attribute \p name through a helper's setter for the objects of type
 * \p tid it creates (e.g. &IkeHelper::SetDaemonAttribute) to
 * VariantValue(context, tid, name, value).
 */
template <class Helper>
void
SetVariantAttribute(const RunContext& context,
                    Helper& helper,
                    void (Helper::*set)(const std::string&, const ns3::AttributeValue&),
                    ns3::TypeId tid,
                    const std::string& name,
                    const ns3::AttributeValue& value)
{
    (helper.*set)(name, *VariantValue(context, tid, name, value));
}

/**
 * The ns-3 attribute assignments among \p sets ("ns3::Type::Attribute" ->
 * value), for RunContext::attributes. Throws UsageError for an attribute
 * of the catalogue's traffic (TrafficAttributes). Call after ApplySets has
 * checked the assignments.
 */
std::map<std::string, std::string> CheckUserAttributes(const std::vector<std::string>& sets);

/// The traffic attributes the catalogue sets from its entries' parameters (refused by --set).
const std::vector<std::string>& TrafficAttributes();

} // namespace natt

#endif /* NATT_VARIANT_ATTRIBUTES_H */
