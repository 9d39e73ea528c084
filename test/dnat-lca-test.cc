/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// The DNAT router as local CA (seed 003, "IPsec Across a DNAT Network"):
// its certificates verify under its own CA certificate and no other, carry
// the (global address, local address, ports, SPIs) binding in natt's
// extension, and repeat byte for byte.

#include "ns3/certificate-store.h"
#include "ns3/local-certificate-authority.h"
#include "ns3/test-pki.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

using Entity = TestPki::Entity;

std::string
Pem(Entity entity, bool key)
{
    static const TestPki pki(NATT_SOURCE_DIR);
    auto pem = key ? pki.ReadKeyPem(entity) : pki.ReadCertificatePem(entity);
    EXPECT_TRUE(pem) << pem.GetReason();
    return pem ? *pem : std::string();
}

DnatBinding
Binding()
{
    DnatBinding b;
    b.routerAddress = Ipv4Address("203.0.113.1");
    b.hostAddress = Ipv4Address("10.0.0.2");
    b.firstPort = 49152;
    b.lastPort = 50175;
    b.firstSpi = 0x10000;
    b.lastSpi = 0x1ffff;
    return b;
}

} // namespace

TEST(LocalCertificateAuthority, IssuesCertificatesBindingTheAllocation)
{
    auto lca = LocalCertificateAuthority::Create(Pem(Entity::IntermediateCa, true),
                                                 Ipv4Address("203.0.113.1"));
    ASSERT_TRUE(lca) << lca.GetReason();
    auto pem = lca->Issue(Pem(Entity::Client, true), Binding());
    ASSERT_TRUE(pem) << pem.GetReason();
    auto certificate = X509Certificate::FromPem(*pem);
    ASSERT_TRUE(certificate);
    EXPECT_EQ(certificate->GetSubjectName(), "CN=203.0.113.1/10.0.0.2,O=natt DNAT LCA");
    EXPECT_EQ(certificate->GetIssuerName(), "CN=DNAT LCA 203.0.113.1,O=natt DNAT LCA");
    auto names = certificate->GetSubjectAltNames();
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(names[0].value, "203.0.113.1");

    auto binding = LocalCertificateAuthority::ReadBinding(*certificate);
    ASSERT_TRUE(binding) << binding.GetReason();
    EXPECT_TRUE(*binding == Binding());
    EXPECT_TRUE(binding->HasPort(49152));
    EXPECT_TRUE(binding->HasPort(50175));
    EXPECT_FALSE(binding->HasPort(50176));
    EXPECT_FALSE(binding->HasSpi(0xffff));

    // The router's CA certificate is the trust anchor: the path verifies,
    // and the host's key is the one certified.
    CertificateStore store;
    ASSERT_TRUE(store.AddTrustAnchor(lca->GetCaCertificate()));
    EXPECT_TRUE(store.Verify(*certificate));
    auto clientCertificate = X509Certificate::FromPem(Pem(Entity::Client, false));
    ASSERT_TRUE(clientCertificate);
    EXPECT_EQ(certificate->GetPublicKey()->GetDer(), clientCertificate->GetPublicKey()->GetDer());
}

TEST(LocalCertificateAuthority, AnotherRoutersCaDoesNotVerify)
{
    auto lca = LocalCertificateAuthority::Create(Pem(Entity::IntermediateCa, true),
                                                 Ipv4Address("203.0.113.1"));
    // Same name, another key: what a remote trusting the wrong LCA holds.
    auto other =
        LocalCertificateAuthority::Create(Pem(Entity::RogueCa, true), Ipv4Address("203.0.113.1"));
    ASSERT_TRUE(lca);
    ASSERT_TRUE(other);
    auto certificate = X509Certificate::FromPem(*lca->Issue(Pem(Entity::Client, true), Binding()));
    ASSERT_TRUE(certificate);
    CertificateStore store;
    ASSERT_TRUE(store.AddTrustAnchor(other->GetCaCertificate()));
    EXPECT_FALSE(store.Verify(*certificate));
}

TEST(LocalCertificateAuthority, RepeatsByteForByteAndCountsSerials)
{
    auto make = [] {
        auto lca = LocalCertificateAuthority::Create(Pem(Entity::IntermediateCa, true),
                                                     Ipv4Address("203.0.113.1"));
        EXPECT_TRUE(lca);
        std::vector<std::string> pems{lca->GetCaCertificatePem()};
        pems.push_back(*lca->Issue(Pem(Entity::Client, true), Binding()));
        pems.push_back(*lca->Issue(Pem(Entity::Gateway, true), Binding()));
        return pems;
    };
    auto a = make();
    EXPECT_EQ(a, make());
    EXPECT_NE(a[1], a[2]);
}

TEST(LocalCertificateAuthority, CertificatesWithoutTheExtensionHaveNoBinding)
{
    auto certificate = X509Certificate::FromPem(Pem(Entity::Client, false));
    ASSERT_TRUE(certificate);
    EXPECT_FALSE(LocalCertificateAuthority::ReadBinding(*certificate));
}
