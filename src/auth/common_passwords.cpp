// The most common passwords of the well-known leaked password lists (RockYou, the NCSC and SecLists
// top lists, the yearly "worst passwords" reports) that are 8 characters or longer (shorter ones
// are refused by length before this list is asked), with the variants people make of them most
// often: a digit run, "!" or a recent year appended. Lower-case, sorted, no duplicates (checked
// at compile time) so that a lookup is a binary search of the lower-cased password.
#include "auth/common_passwords.h"

#include <algorithm>
#include <array>
#include <string>

namespace tix::auth {
namespace {

using namespace std::string_view_literals;

// clang-format off
constexpr std::array kCommonPasswords = {
    "!@#$%^&*"sv, "!@#$%^&*()"sv, "!qaz2wsx"sv, "00000000"sv, "01011980"sv, "01011990"sv,
    "01012000"sv, "01234567"sv, "0123456789"sv, "09876543"sv, "0987654321"sv, "10203040"sv,
    "11111111"sv, "11111111111"sv, "11112222"sv, "11223344"sv, "1122334455"sv, "112233445566"sv,
    "11235813"sv, "12121212"sv, "12121990"sv, "12301230"sv, "123123123"sv, "123123123123"sv,
    "12341234"sv, "123412341234"sv, "12344321"sv, "1234512345"sv, "123454321"sv, "1234554321"sv,
    "12345678"sv, "1234567812345678"sv, "123456789"sv, "1234567890"sv, "123456789012"sv,
    "12345678910"sv, "123456789a"sv, "123456789q"sv, "123456789z"sv, "12345678a"sv, "12345678q"sv,
    "1234567a"sv, "123456abc"sv, "123456qwerty"sv, "12345abc"sv, "12345qwert"sv, "1234asdf"sv,
    "1234qwer"sv, "1234zxcv"sv, "123654789"sv, "12369874"sv, "123698745"sv, "123abc123"sv,
    "123qwe123"sv, "123qweasd"sv, "123qweasdzxc"sv, "12qwaszx"sv, "13131313"sv, "1314520520"sv,
    "13571357"sv, "13579246"sv, "147258369"sv, "147852369"sv, "14789632"sv, "159357456"sv,
    "159753456"sv, "18atcskd2w"sv, "19841984"sv, "19901990"sv, "19911991"sv, "19921992"sv,
    "19931993"sv, "19941994"sv, "19951995"sv, "19961996"sv, "19971997"sv, "19981998"sv,
    "19992000"sv, "1a1a1a1a"sv, "1a2b3c4d"sv, "1password"sv, "1q2w3e!q"sv, "1q2w3e4r"sv,
    "1q2w3e4r!"sv, "1q2w3e4r5t"sv, "1q2w3e4r5t6y"sv, "1q2w3e4r5t6y7u"sv, "1qa2ws3ed"sv,
    "1qaz!qaz"sv, "1qaz2wsx"sv, "1qaz2wsx3edc"sv, "1qaz@wsx"sv, "1qazxsw2"sv, "1qwerty1"sv,
    "1v7upjw3nt"sv, "20002000"sv, "20012001"sv, "20202020"sv, "20212021"sv, "20222022"sv,
    "20232023"sv, "20242024"sv, "22222222"sv, "22446688"sv, "24680246"sv, "24682468"sv,
    "3.141592"sv, "31415926"sv, "321321321"sv, "321654987"sv, "33333333"sv, "3rjs1la7qe"sv,
    "44444444"sv, "456789123"sv, "52013141314"sv, "5201314520"sv, "5211314521"sv, "55555555"sv,
    "56785678"sv, "654321654321"sv, "66666666"sv, "666666666"sv, "74108520"sv, "741852963"sv,
    "76543210"sv, "77777777"sv, "789456123"sv, "7894561230"sv, "789456321"sv, "87654321"sv,
    "88888888"sv, "963852741"sv, "98765432"sv, "987654321"sv, "9876543210"sv, "99999999"sv,
    "a12345678"sv, "a123456789"sv, "a1a1a1a1"sv, "a1b2c3d4"sv, "a1b2c3d4e5"sv, "a1s2d3f4"sv,
    "aa123456"sv, "aa12345678"sv, "aaaa1111"sv, "aaaaaa11"sv, "aaaaaaaa"sv, "aabbccdd"sv,
    "abc12345"sv, "abc123456"sv, "abc12345678"sv, "abc123abc"sv, "abcabc123"sv, "abcabcabc"sv,
    "abcd1234"sv, "abcd12345"sv, "abcd123456"sv, "abcdefg1"sv, "abcdefgh"sv, "abcdefghi"sv,
    "abcdefghij"sv, "access123"sv, "access14"sv, "accessme"sv, "admin123"sv, "admin1234"sv,
    "admin12345"sv, "admin@123"sv, "adminadmin"sv, "administrator"sv, "administrator1"sv,
    "alexander"sv, "alexandra"sv, "america1"sv, "america123"sv, "andrew12"sv, "andrew123"sv,
    "angel123"sv, "angelica"sv, "angelina"sv, "anthony1"sv, "anthony12"sv, "anthony123"sv,
    "apple123"sv, "april123"sv, "aquarius1"sv, "arsenal1"sv, "arsenal12"sv, "arsenal123"sv,
    "asd12345"sv, "asd123456"sv, "asd123asd"sv, "asdf1234"sv, "asdfasdf"sv, "asdfghjk"sv,
    "asdfghjkl"sv, "asdfjkl;"sv, "ashley12"sv, "ashley123"sv, "asshole1"sv, "australia"sv,
    "autumn12"sv, "autumn123"sv, "autumn2023"sv, "autumn2024"sv, "autumn2025"sv, "autumn2026"sv,
    "babyboy1"sv, "babygirl"sv, "babygirl1"sv, "babygirl12"sv, "bailey12"sv, "bailey123"sv,
    "banana12"sv, "banana123"sv, "bandit123"sv, "barbie123"sv, "barcelona"sv, "bartsimpson"sv,
    "baseball"sv, "baseball1"sv, "baseball12"sv, "baseball123"sv, "basketball"sv, "basketball1"sv,
    "batman1!"sv, "batman12"sv, "batman123"sv, "beatles1"sv, "beautiful"sv, "beautiful1"sv,
    "beer1234"sv, "beijing1"sv, "benjamin"sv, "bestfriend"sv, "bestfriend1"sv, "beyonce1"sv,
    "bff4ever"sv, "bigdaddy"sv, "bigdick1"sv, "birthday"sv, "birthday1"sv, "biteme123"sv,
    "blackpink"sv, "bleach123"sv, "blessed1"sv, "blink182"sv, "blueberry"sv, "brandon1"sv,
    "brazil123"sv, "brittany"sv, "brother1"sv, "bts12345"sv, "btsarmy1"sv, "bubblegum"sv,
    "buddy123"sv, "bullshit"sv, "buster12"sv, "buster123"sv, "butterfly"sv, "butterfly1"sv,
    "butterfly2"sv, "california"sv, "callofduty"sv, "canada123"sv, "capricorn"sv, "caroline"sv,
    "changeme"sv, "changeme1"sv, "changeme123"sv, "charlie1"sv, "charlie12"sv, "charlie123"sv,
    "charlotte"sv, "cheese12"sv, "cheese123"sv, "chelsea1"sv, "chelsea12"sv, "chelsea123"sv,
    "chester1"sv, "chicago1"sv, "chicken1"sv, "chicken12"sv, "chicken123"sv, "children"sv,
    "chocolat"sv, "chocolate"sv, "chocolate1"sv, "christ123"sv, "christian1"sv, "christina"sv,
    "christmas"sv, "christmas1"sv, "christopher"sv, "cinderella"sv, "coffee12"sv, "coffee123"sv,
    "coldplay1"sv, "computer"sv, "computer1"sv, "computer123"sv, "concert1"sv, "concert123"sv,
    "cookie12"sv, "cookie123"sv, "corvette"sv, "counterstrike"sv, "cowboy12"sv, "cowboy123"sv,
    "cowboys1"sv, "cowboys12"sv, "cowboys123"sv, "cupcake1"sv, "cutie123"sv, "cutiepie"sv,
    "daddy123"sv, "dallas12"sv, "dallas123"sv, "dancer123"sv, "daniel12"sv, "daniel123"sv,
    "december"sv, "december1"sv, "default1"sv, "default123"sv, "diablo12"sv, "diablo123"sv,
    "diamond1"sv, "diamond12"sv, "diamond123"sv, "disney12"sv, "disney123"sv, "doctor12"sv,
    "doctor123"sv, "dolphins"sv, "donald123"sv, "dragon12"sv, "dragon123"sv, "dragonball"sv,
    "dragonballz"sv, "eagle123"sv, "eagles12"sv, "eagles123"sv, "elephant"sv, "elizabeth"sv,
    "eminem123"sv, "england1"sv, "enter123"sv, "facebook"sv, "facebook1"sv, "faithful1"sv,
    "falcon12"sv, "falcon123"sv, "fall2023!"sv, "fall2024!"sv, "fall2025!"sv, "family123"sv,
    "familyguy"sv, "father123"sv, "february"sv, "fender12"sv, "fender123"sv, "ferrari1"sv,
    "ferrari12"sv, "ferrari123"sv, "flower12"sv, "flower123"sv, "flowers1"sv, "flowers12"sv,
    "flowers123"sv, "football"sv, "football1"sv, "football12"sv, "football123"sv, "forever1"sv,
    "forever12"sv, "forever123"sv, "forever21"sv, "foreverlove"sv, "fortnite"sv, "fortnite1"sv,
    "france123"sv, "freedom1"sv, "freedom12"sv, "freedom123"sv, "friday13"sv, "friend12"sv,
    "friend123"sv, "friends1"sv, "friendship"sv, "frodo123"sv, "fuckoff1"sv, "fuckyou1"sv,
    "fuckyou123"sv, "futurama"sv, "gabriel1"sv, "galaxy12"sv, "galaxy123"sv, "gandalf1"sv,
    "garfield1"sv, "gemini123"sv, "george12"sv, "george123"sv, "germany1"sv, "ginger12"sv,
    "ginger123"sv, "godisgood"sv, "godislove"sv, "golden12"sv, "golden123"sv, "goodboy123"sv,
    "goodgirl"sv, "goodlife"sv, "goodluck"sv, "google123"sv, "grandma1"sv, "greenday1"sv,
    "guest123"sv, "guestguest"sv, "guitar123"sv, "halloween"sv, "halo1234"sv, "hannah12"sv,
    "hannah123"sv, "happy123"sv, "happyday"sv, "happylife"sv, "harley12"sv, "harley123"sv,
    "harrypotter"sv, "heather1"sv, "heather12"sv, "heather123"sv, "heaven123"sv, "hello123"sv,
    "hello1231"sv, "hello12312"sv, "hello123123"sv, "hellokitty"sv, "hellokitty1"sv, "hiphop123"sv,
    "hockey12"sv, "hockey123"sv, "hogwarts"sv, "holiday1"sv, "homer123"sv, "honeybee"sv,
    "hongkong1"sv, "horses12"sv, "horses123"sv, "hunter12"sv, "hunter123"sv, "iamthebest"sv,
    "ilovegod"sv, "iloveher"sv, "ilovehim"sv, "iloveu123"sv, "iloveyou"sv, "iloveyou!"sv,
    "iloveyou1"sv, "iloveyou12"sv, "iloveyou123"sv, "iloveyou2"sv, "iloveyou3"sv, "indonesia"sv,
    "instagram"sv, "internet"sv, "internet1"sv, "iphone123"sv, "ireland1"sv, "ironman1"sv,
    "isabella"sv, "jackson1"sv, "jackson12"sv, "jackson123"sv, "jaguar12"sv, "jaguar123"sv,
    "january1"sv, "japan123"sv, "jasmine1"sv, "jasmine12"sv, "jasmine123"sv, "jaychou1"sv,
    "jennifer"sv, "jennifer1"sv, "jennifer12"sv, "jennifer123"sv, "jessica1"sv, "jessica12"sv,
    "jessica123"sv, "jesus123"sv, "jesus777"sv, "jesuschrist"sv, "jonathan"sv, "jordan12"sv,
    "jordan123"sv, "jordan23"sv, "joseph12"sv, "joseph123"sv, "joshua12"sv, "joshua123"sv,
    "jungkook1"sv, "junior12"sv, "junior123"sv, "justin123"sv, "juventus"sv, "katherine"sv,
    "killer12"sv, "killer123"sv, "kitten12"sv, "kitten123"sv, "knight12"sv, "knight123"sv,
    "korea123"sv, "kpoplover"sv, "lakers12"sv, "lakers123"sv, "lauren12"sv, "lauren123"sv,
    "legend12"sv, "legend123"sv, "letmein!"sv, "letmein1"sv, "letmein12"sv, "letmein123"sv,
    "letmeinnow"sv, "linkedin"sv, "linkinpark"sv, "liverpool"sv, "liverpool1"sv, "liverpool12"sv,
    "liverpool123"sv, "login123"sv, "lollipop"sv, "london123"sv, "lovelife"sv, "lovelove"sv,
    "lovelove1"sv, "lovely12"sv, "lovely123"sv, "loveme123"sv, "lover123"sv, "lovers123"sv,
    "loveyou1"sv, "lucky123"sv, "lucky777"sv, "madison1"sv, "maggie12"sv, "maggie123"sv,
    "malaysia1"sv, "manchester"sv, "manutd99"sv, "march123"sv, "marina12"sv, "marina123"sv,
    "mariokart"sv, "marlboro"sv, "martin12"sv, "martin123"sv, "master12"sv, "master123"sv,
    "masterkey"sv, "mastermaster"sv, "matrix12"sv, "matrix123"sv, "matthew1"sv, "matthew12"sv,
    "matthew123"sv, "maverick"sv, "mayday123"sv, "melissa1"sv, "melissa12"sv, "melissa123"sv,
    "mercedes"sv, "merlin12"sv, "merlin123"sv, "metallica"sv, "mexico123"sv, "michael1"sv,
    "michael12"sv, "michael123"sv, "michelle"sv, "michelle1"sv, "mickey12"sv, "mickey123"sv,
    "mickeymouse"sv, "microsoft"sv, "midnight"sv, "minecraft"sv, "minecraft1"sv, "minnie123"sv,
    "mommy123"sv, "monday123"sv, "monkey12"sv, "monkey123"sv, "morgan12"sv, "morgan123"sv,
    "mother12"sv, "mother123"sv, "muffin12"sv, "muffin123"sv, "murphy12"sv, "murphy123"sv,
    "music123"sv, "musiclover"sv, "mustang1"sv, "mustang12"sv, "mustang123"sv, "myangel1"sv,
    "myheart1"sv, "mylove123"sv, "mypassword"sv, "mypassword1"sv, "myspace1"sv, "naruto123"sv,
    "natalie1"sv, "nathan12"sv, "nathan123"sv, "newpassword"sv, "newyork1"sv, "nicholas"sv,
    "nicole12"sv, "nicole123"sv, "ninja123"sv, "nintendo"sv, "nirvana1"sv, "nokia123"sv,
    "november"sv, "october1"sv, "onepiece"sv, "openseasame"sv, "opensesame"sv, "orange12"sv,
    "orange123"sv, "p@55w0rd"sv, "p@ssw0rd"sv, "p@ssw0rd1"sv, "p@ssword"sv, "pa$$word"sv,
    "pa55w0rd"sv, "pa55word"sv, "panther1"sv, "panther12"sv, "panther123"sv, "paris123"sv,
    "parker12"sv, "parker123"sv, "pass1234"sv, "pass12345"sv, "pass123456"sv, "passpass"sv,
    "passpass1"sv, "passw0rd"sv, "passw0rd1"sv, "password"sv, "password!"sv, "password#1"sv,
    "password00"sv, "password01"sv, "password1"sv, "password1!"sv, "password11"sv, "password12"sv,
    "password123"sv, "password123!"sv, "password1234"sv, "password12345"sv, "password2"sv,
    "password2019"sv, "password2020"sv, "password2021"sv, "password2022"sv, "password2023"sv,
    "password2024"sv, "password2025"sv, "password2026"sv, "password3"sv, "password666"sv,
    "password69"sv, "password7"sv, "password9"sv, "password99"sv, "password@123"sv, "passwords"sv,
    "patrick1"sv, "patrick123"sv, "peanut12"sv, "peanut123"sv, "pepper12"sv, "pepper123"sv,
    "philippines"sv, "phoenix1"sv, "phoenix12"sv, "phoenix123"sv, "pikachu1"sv, "pineapple"sv,
    "pinkpanther"sv, "player12"sv, "player123"sv, "playstation"sv, "pokemon1"sv, "pokemon123"sv,
    "pookie12"sv, "pookie123"sv, "portugal"sv, "praise123"sv, "princess"sv, "princess1"sv,
    "princess12"sv, "princess123"sv, "pumpkin1"sv, "pumpkin12"sv, "pumpkin123"sv, "purple12"sv,
    "purple123"sv, "q1q1q1q1"sv, "q1w2e3r4"sv, "q1w2e3r4t5"sv, "q1w2e3r4t5y6"sv, "qazwsx12"sv,
    "qazwsx123"sv, "qazwsxedc"sv, "qq123456"sv, "qqqqqqqq"sv, "qqww1122"sv, "qwe12345"sv,
    "qwe123456"sv, "qwe123qwe"sv, "qweasd123"sv, "qweasdzxc"sv, "qwer1234"sv, "qwerty!@#"sv,
    "qwerty007"sv, "qwerty01"sv, "qwerty1!"sv, "qwerty11"sv, "qwerty12"sv, "qwerty123"sv,
    "qwerty123!"sv, "qwerty1234"sv, "qwerty12345"sv, "qwerty123456"sv, "qwerty69"sv,
    "qwertyqwerty"sv, "qwertyu1"sv, "qwertyui"sv, "qwertyuiop"sv, "qwertyuiop1"sv,
    "qwertyuiop123"sv, "rabbit12"sv, "rabbit123"sv, "rachel12"sv, "rachel123"sv, "rainbow1"sv,
    "rainbow123"sv, "ranger12"sv, "ranger123"sv, "realmadrid"sv, "rebecca1"sv, "richard1"sv,
    "robert12"sv, "robert123"sv, "roblox123"sv, "rocket12"sv, "rocket123"sv, "rocknroll"sv,
    "rockstar"sv, "rockstar1"sv, "root1234"sv, "rootroot"sv, "rosebud1"sv, "rosebud12"sv,
    "rosebud123"sv, "sagittarius"sv, "samantha"sv, "sammy123"sv, "samsung1"sv, "samsung123"sv,
    "samuel123"sv, "sandra12"sv, "sandra123"sv, "sasuke123"sv, "saturday"sv, "scooby123"sv,
    "scoobydoo"sv, "scooter1"sv, "scooter12"sv, "scooter123"sv, "scorpio1"sv, "scorpion"sv,
    "scorpion1"sv, "scorpion12"sv, "scorpion123"sv, "scotland"sv, "secret12"sv, "secret123"sv,
    "secret1234"sv, "seoul123"sv, "september"sv, "shadow12"sv, "shadow123"sv, "shanghai1"sv,
    "shannon1"sv, "shannon12"sv, "shannon123"sv, "silver12"sv, "silver123"sv, "simple12"sv,
    "simple123"sv, "simpsons"sv, "singapore"sv, "sister123"sv, "skyrim123"sv, "slayer12"sv,
    "slayer123"sv, "slipknot1"sv, "smile123"sv, "smokey12"sv, "smokey123"sv, "snoopy12"sv,
    "snoopy123"sv, "snowball"sv, "snowball1"sv, "snowball12"sv, "snowball123"sv, "soccer12"sv,
    "soccer123"sv, "sophie12"sv, "sophie123"sv, "southpark"sv, "sparky12"sv, "sparky123"sv,
    "spider12"sv, "spider123"sv, "spiderman"sv, "spiderman1"sv, "spongebob"sv, "spongebob1"sv,
    "spring12"sv, "spring123"sv, "spring2020"sv, "spring2021"sv, "spring2022"sv, "spring2023"sv,
    "spring2024"sv, "spring2025"sv, "spring2026"sv, "starcraft"sv, "starwars"sv, "starwars1"sv,
    "steelers"sv, "stephanie"sv, "steven12"sv, "steven123"sv, "strawberry"sv, "summer12"sv,
    "summer123"sv, "summer2019"sv, "summer2020"sv, "summer2021"sv, "summer2022"sv, "summer2023"sv,
    "summer2024"sv, "summer2025"sv, "summer2026"sv, "sunday123"sv, "sunflower"sv, "sunny123"sv,
    "sunshine"sv, "sunshine1"sv, "sunshine12"sv, "sunshine123"sv, "superman"sv, "superman1"sv,
    "superman12"sv, "superman123"sv, "superman2"sv, "supersecret"sv, "superstar"sv, "superstar1"sv,
    "sweetheart"sv, "sweetheart1"sv, "sweetie1"sv, "sweetpea1"sv, "swiftie13"sv, "sydney12"sv,
    "sydney123"sv, "taipei101"sv, "taiwan123"sv, "taylor12"sv, "taylor123"sv, "taylorswift"sv,
    "tennis12"sv, "tennis123"sv, "tequila1"sv, "test1234"sv, "test12345"sv, "test123456"sv,
    "testing1"sv, "testing123"sv, "testtest"sv, "thailand"sv, "thepassword"sv, "thomas12"sv,
    "thomas123"sv, "thunder1"sv, "thunder12"sv, "thunder123"sv, "ticketmaster"sv, "tickets123"sv,
    "tiffany1"sv, "tiffany12"sv, "tiger123"sv, "tigger12"sv, "tigger123"sv, "tinkerbell"sv,
    "together1"sv, "tokyo123"sv, "toor1234"sv, "topsecret"sv, "toyota12"sv, "trinity1"sv,
    "trinity12"sv, "trustno1"sv, "trustno12"sv, "twitter1"sv, "user1234"sv, "user12345"sv,
    "username"sv, "username1"sv, "vacation"sv, "valentina"sv, "valentina1"sv, "valentina12"sv,
    "vanessa1"sv, "victoria1"sv, "vietnam123"sv, "viking12"sv, "vodka123"sv, "volleyball"sv,
    "warcraft1"sv, "warrior1"sv, "warrior12"sv, "watermelon"sv, "weekend1"sv, "welcome!"sv,
    "welcome01"sv, "welcome1"sv, "welcome12"sv, "welcome123"sv, "welcome2"sv, "welcome2020"sv,
    "welcome2021"sv, "welcome2022"sv, "welcome2023"sv, "welcome2024"sv, "welcome2025"sv,
    "welcome2026"sv, "whatever"sv, "whatever1"sv, "whiskey1"sv, "william1"sv, "william12"sv,
    "windows1"sv, "windows10"sv, "windows7"sv, "winter12"sv, "winter123"sv, "winter2020"sv,
    "winter2021"sv, "winter2022"sv, "winter2023"sv, "winter2024"sv, "winter2025"sv, "winter2026"sv,
    "wizard12"sv, "woaini123"sv, "woaini1314"sv, "woaini520"sv, "xbox360!"sv, "xxxxxxxx"sv,
    "yankees1"sv, "yankees12"sv, "yankees123"sv, "yellow12"sv, "youtube1"sv, "z1x2c3v4"sv,
    "zaq12wsx"sv, "zaq1xsw2"sv, "zaq1zaq1"sv, "zaqxswcde"sv, "zelda123"sv, "zxc12345"sv,
    "zxc123zxc"sv, "zxcv1234"sv, "zxcvbn12"sv, "zxcvbnm1"sv, "zxcvbnm123"sv, "zxcvbnma"sv,
    "zzzzzzzz"sv,
};
// clang-format on

constexpr bool SortedAndUnique() {
    for (std::size_t i = 1; i < kCommonPasswords.size(); ++i) {
        if (!(kCommonPasswords[i - 1] < kCommonPasswords[i])) return false;
    }
    return true;
}
static_assert(SortedAndUnique(), "binary search needs the list sorted, without duplicates");

constexpr bool AllLowerCase() {
    for (const std::string_view password : kCommonPasswords) {
        for (const char c : password) {
            if (c >= 'A' && c <= 'Z') return false;
        }
    }
    return true;
}
static_assert(AllLowerCase(), "a lookup lower-cases the password");

constexpr std::size_t LongestLength() {
    std::size_t longest = 0;
    for (const std::string_view password : kCommonPasswords) {
        longest = std::max(longest, password.size());
    }
    return longest;
}
constexpr std::size_t kLongest = LongestLength();

}  // namespace

bool IsCommonPassword(std::string_view password) {
    if (password.size() > kLongest) return false;
    std::string lower(password);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return std::binary_search(kCommonPasswords.begin(), kCommonPasswords.end(),
                              std::string_view(lower));
}

std::size_t CommonPasswordCount() { return kCommonPasswords.size(); }

}  // namespace tix::auth
