#include "corpusgenerator.h"

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace Dossier::Bench
{

namespace
{

const char *const outlets[]
    = { "Harbor Ledger", "Pacific Wire Service", "Northern Courier", "Capital Dispatch", "Meridian Times" };
const char *const firstNames[]
    = { "Aiko", "Rafael", "Ines", "Tomas", "Mei", "Kwame", "Sofia", "Daniel", "Hana", "Luca" };
const char *const lastNames[]
    = { "Tanabe", "Dizon", "Moreau", "Varga", "Lindqvist", "Osei", "Castellano", "Brandt", "Nakamura", "Ferreira" };
const char *const titles[] = { "Foreign Minister", "Defence Secretary", "Prime Minister", "Ambassador", "President" };
const char *const places[]
    = { "Tokyo", "Manila", "Canberra", "Brussels", "Singapore", "Seoul", "Jakarta", "Hanoi", "Wellington", "Ottawa" };
const char *const orgs[] = { "European Union", "United Nations", "ASEAN", "NATO", "World Bank",
    "International Maritime Organization", "Ministry of Foreign Affairs" };
const char *const topics[] = { "cyber security", "maritime patrols", "port infrastructure", "undersea cables",
    "export controls", "disaster relief", "fisheries enforcement" };
const char *const months[] = { "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December" };

template<size_t N> QString pick(std::mt19937 &random, const char *const (&items)[N])
{
    return QString::fromLatin1(items[std::uniform_int_distribution<size_t>(0, N - 1)(random)]);
}

} // namespace

CorpusGenerator::CorpusGenerator(quint32 seed)
    : m_random(seed)
{
}

QByteArray CorpusGenerator::article(int index)
{
    auto &r = m_random;
    const QString place = pick(r, places);
    const QString topic = pick(r, topics);
    const QString person = pick(r, firstNames) + u' ' + pick(r, lastNames);
    const QString other = pick(r, firstNames) + u' ' + pick(r, lastNames);
    const int day = std::uniform_int_distribution<int>(1, 28)(r);
    const int year = std::uniform_int_distribution<int>(2019, 2026)(r);
    const QString month = pick(r, months);

    QStringList lines;
    lines << pick(r, outlets) + QStringLiteral(" live feed") << QString();
    lines << QStringLiteral("%1 and %2 to deepen cooperation on %3 (%4)").arg(place, pick(r, orgs), topic).arg(index)
          << QString();
    lines << QStringLiteral("%1 %2, %3").arg(month.left(3) + u'.').arg(day).arg(year) << QString();
    const int paragraphs = std::uniform_int_distribution<int>(4, 12)(r);
    for (int p = 0; p < paragraphs; ++p) {
        QString text;
        if (p == 0) {
            text = place.toUpper() + QStringLiteral(" — ");
        }
        const int sentences = std::uniform_int_distribution<int>(2, 5)(r);
        for (int s = 0; s < sentences; ++s) {
            switch (std::uniform_int_distribution<int>(0, 4)(r)) {
            case 0:
                text += QStringLiteral("%1 %2 said on %3 %4 that talks with the %5 on %6 had made progress. ")
                            .arg(pick(r, titles), person, month)
                            .arg(day)
                            .arg(pick(r, orgs), topic);
                break;
            case 1:
                text += QStringLiteral(
                    "Officials in %1 and %2 expect a joint statement within weeks, %3 told reporters. ")
                            .arg(place, pick(r, places), other);
                break;
            case 2:
                text += QStringLiteral("The plan would commit $%1.%2 billion over %3 years to %4. ")
                            .arg(std::uniform_int_distribution<int>(1, 9)(r))
                            .arg(std::uniform_int_distribution<int>(0, 9)(r))
                            .arg(std::uniform_int_distribution<int>(2, 10)(r))
                            .arg(topic);
                break;
            case 3:
                text += QStringLiteral(
                    "\"We will not accept threats to %1,\" %2 said, adding that the %3 had been briefed. ")
                            .arg(topic, person.section(u' ', 1), pick(r, orgs));
                break;
            default:
                text += QStringLiteral("Critics in %1 say the measures, first proposed in %2, go too far. ")
                            .arg(pick(r, places))
                            .arg(year - 1);
                break;
            }
        }
        lines << text.trimmed() << QString();
    }
    lines << QStringLiteral("More Headlines") << QString();
    for (int i = 0; i < 5; ++i) {
        lines << QStringLiteral("%1 weighs new rules on %2").arg(pick(r, places), pick(r, topics));
    }
    lines << QString() << QStringLiteral("Login to leave a comment") << QStringLiteral("Share | Print | Email");
    return lines.join(u'\n').toUtf8();
}

qint64 writeCorpus(const QString &folder, int articles)
{
    CorpusGenerator generator(20261122);
    qint64 bytes = 0;
    for (int i = 0; i < articles; ++i) {
        const QString sub = folder + QStringLiteral("/%1").arg(i / 1000, 3, 10, QLatin1Char('0'));
        QDir().mkpath(sub);
        QFile file(sub + QStringLiteral("/article-%1.txt").arg(i, 6, 10, QLatin1Char('0')));
        const QByteArray text = generator.article(i);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
            return -1;
        }
        bytes += text.size();
    }
    return bytes;
}

} // namespace Dossier::Bench
