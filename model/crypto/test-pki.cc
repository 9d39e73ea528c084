/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "test-pki.h"

namespace ns3
{

TestPki::TestPki(std::string sourceDirectory)
    : m_directory(std::move(sourceDirectory) + "/" + RelativeDirectory)
{
}

const char*
TestPki::GetName(Entity entity)
{
    switch (entity)
    {
    case Entity::RootCa:
        return "root-ca";
    case Entity::IntermediateCa:
        return "intermediate-ca";
    case Entity::Gateway:
        return "gateway";
    case Entity::Client:
        return "client";
    case Entity::Big:
        return "big";
    case Entity::RogueCa:
        return "rogue-ca";
    case Entity::Rogue:
        return "rogue";
    }
    return "";
}

std::string
TestPki::GetCertificatePath(Entity entity) const
{
    return m_directory + "/" + GetName(entity) + ".cert.pem";
}

std::string
TestPki::GetKeyPath(Entity entity) const
{
    return m_directory + "/" + GetName(entity) + ".key.pem";
}

CryptoResult<std::string>
TestPki::ReadCertificatePem(Entity entity) const
{
    return ReadTextFile(GetCertificatePath(entity));
}

CryptoResult<std::string>
TestPki::ReadKeyPem(Entity entity) const
{
    return ReadTextFile(GetKeyPath(entity));
}

} // namespace ns3
