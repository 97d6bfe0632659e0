package seed

import "github.com/freightgraph/freightgraph/ent/enum"

// The vocabulary the demo data is drawn from: fictional companies and
// people in real places, so that every screen reads like the real thing.

type person struct{ name, email string }

var accountManagers = []person{
	{"Анна Смирнова", "anna.smirnova"},
	{"Дмитрий Волков", "dmitry.volkov"},
	{"Елена Кузнецова", "elena.kuznetsova"},
	{"Игорь Лебедев", "igor.lebedev"},
	{"Мария Соколова", "maria.sokolova"},
	{"Павел Морозов", "pavel.morozov"}, // has left: his clients are the matrix's gap
}

var operationsManagers = []person{
	{"Олег Новиков", "oleg.novikov"},
	{"Татьяна Попова", "tatiana.popova"},
	{"Сергей Васильев", "sergey.vasiliev"},
	{"Наталья Федорова", "natalia.fedorova"},
	{"Алексей Михайлов", "alexey.mikhailov"},
}

var analyst = person{"Ирина Павлова", "irina.pavlova"}
var admin = person{"Виктор Алексеев", "viktor.alekseev"}

// EmailDomain is the domain of every demo address.
const EmailDomain = "freightgraph.example"

type place struct{ city, country string }

var russianPlaces = []place{
	{"Москва", "RU"}, {"Санкт-Петербург", "RU"}, {"Екатеринбург", "RU"}, {"Новосибирск", "RU"},
	{"Казань", "RU"}, {"Нижний Новгород", "RU"}, {"Самара", "RU"}, {"Краснодар", "RU"},
	{"Владивосток", "RU"}, {"Калининград", "RU"}, {"Челябинск", "RU"}, {"Ростов-на-Дону", "RU"},
	{"Новороссийск", "RU"}, {"Тольятти", "RU"}, {"Красноярск", "RU"},
}

var russianStems = []string{
	"СеверМеталл", "УралПолимер", "ВолгаАгро", "СибЛес", "БалтТорг", "ДонСтрой", "КамаДеталь",
	"ТехноПрофиль", "ЭкоПак", "АгроХолдинг Заря", "Фармстандарт-Регион", "Сладкий Край",
	"ПромХимСинтез", "РусЭлектро", "МегаМебель", "АвтоКомпонент", "Нефтемаш", "Стройресурс",
	"Горизонт Ритейл", "Молочный Двор", "КераМир", "ТекстильПром", "Энергосфера", "Сибирский Цемент",
	"Медтехника Плюс", "Дальрыбпром", "ГидроМаш", "Арктик Снаб", "Зерновая Компания Юг", "ЛайтЭлектро",
	"Кубань Консерв", "НоваПласт", "Русское Стекло", "Волжский Шинный", "Транзит Маркет",
	"ИнтерБумага", "СталеПрокат", "ХимАгроСервис", "БелаяРека", "Полярная Звезда Трейд",
	"Северный Лён", "ТяжМаш Урал", "ОптикаЛаб", "ГрандКофе", "Мир Игрушек", "АльфаФарм",
	"ТермоСистемы", "СпортЛайн", "ДомТекстиль", "ВинТорг", "Солнечная Долина", "ЗапСибПром",
}

var russianForms = []string{"ООО", "АО", "ПАО", "ООО", "ООО"}

// foreignClients are the international clients, each where it is based.
var foreignClients = []struct {
	name string
	place
}{
	{"Baltic Timber GmbH", place{"Hamburg", "DE"}}, {"Rhein Chemie Handel GmbH", place{"Duisburg", "DE"}},
	{"Nordsee Maschinenbau AG", place{"Hamburg", "DE"}}, {"Van der Berg Foods B.V.", place{"Rotterdam", "NL"}},
	{"Lombardia Tessile S.p.A.", place{"Milano", "IT"}}, {"Shenzhen Bright Electronics Co., Ltd.", place{"Shenzhen", "CN"}},
	{"Shanghai Orient Machinery Co., Ltd.", place{"Shanghai", "CN"}}, {"Yiwu Star Trading Co., Ltd.", place{"Yiwu", "CN"}},
	{"Almaty Agro Export LLP", place{"Almaty", "KZ"}}, {"Minsk Tractor Parts JSC", place{"Minsk", "BY"}},
	{"Anatolia Textile A.S.", place{"Istanbul", "TR"}}, {"Gulf Star Logistics FZE", place{"Dubai", "AE"}},
	{"Samarkand Cotton LLC", place{"Tashkent", "UZ"}}, {"Ningbo Ocean Tools Co., Ltd.", place{"Shanghai", "CN"}},
	{"Bosporus Food Ingredients A.S.", place{"Istanbul", "TR"}}, {"Euro Pharma Distribution GmbH", place{"Hamburg", "DE"}},
	{"Qingdao Tyre Industry Co., Ltd.", place{"Shanghai", "CN"}}, {"Adriatic Furniture d.o.o.", place{"Milano", "IT"}},
	{"Polar Fish Export AS", place{"Rotterdam", "NL"}}, {"Tashkent Auto Components JV", place{"Tashkent", "UZ"}},
	{"Hamburg Coffee Import GmbH", place{"Hamburg", "DE"}}, {"Rotterdam Flower Exchange B.V.", place{"Rotterdam", "NL"}},
	{"Milano Design Lighting S.r.l.", place{"Milano", "IT"}}, {"Guangzhou Home Textiles Co., Ltd.", place{"Shenzhen", "CN"}},
	{"Dubai Electronics Hub LLC", place{"Dubai", "AE"}}, {"Astana Building Materials LLP", place{"Almaty", "KZ"}},
	{"Jiangsu Solar Panels Co., Ltd.", place{"Shanghai", "CN"}}, {"Brest Dairy Export JSC", place{"Minsk", "BY"}},
}

var industries = []string{
	"Металлургия", "Розничная торговля", "Автокомпоненты", "Химия", "Пищевая промышленность",
	"Электроника", "Фармацевтика", "Стройматериалы", "Лесопереработка", "Машиностроение",
	"Текстиль", "Сельское хозяйство", "Мебель", "Энергетика",
}

var contactFirst = []string{"Андрей", "Ольга", "Николай", "Светлана", "Юрий", "Екатерина", "Михаил", "Людмила", "Роман", "Галина", "Hans", "Li Wei", "Marco", "Aigerim", "Emre"}
var contactLast = []string{"Иванов", "Петрова", "Сидоров", "Орлова", "Зайцев", "Белова", "Карпов", "Голубева", "Титов", "Комарова", "Müller", "Zhang", "Rossi", "Nurlanova", "Yilmaz"}
var positions = []string{"Директор по логистике", "Руководитель отдела закупок", "Менеджер по ВЭД", "Генеральный директор", "Начальник склада", "Логист", "Финансовый директор"}

type carrierSpec struct {
	name    string
	country string
	modes   []enum.TransportMode
}

var carriers = []carrierSpec{
	{"СибТрансАвто", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Волга Карго", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Уральский Автоперевозчик", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Магистраль-Экспресс", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Северный Путь", "RU", []enum.TransportMode{enum.ModeRoad, enum.ModeRail}},
	{"ДальАвтоТранс", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Южный Тракт", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Балтийская Экспедиция", "RU", []enum.TransportMode{enum.ModeRoad, enum.ModeSea}},
	{"ТрансКом Регион", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Кама Логистик", "RU", []enum.TransportMode{enum.ModeRoad}},
	{"Euro Road Lines GmbH", "DE", []enum.TransportMode{enum.ModeRoad}},
	{"Minsk Trans Auto", "BY", []enum.TransportMode{enum.ModeRoad}},
	{"Steppe Freight LLP", "KZ", []enum.TransportMode{enum.ModeRoad, enum.ModeRail}},
	{"Стальные Магистрали", "RU", []enum.TransportMode{enum.ModeRail}},
	{"ВагонЛизинг Оператор", "RU", []enum.TransportMode{enum.ModeRail}},
	{"Транссиб Контейнер", "RU", []enum.TransportMode{enum.ModeRail, enum.ModeMultimodal}},
	{"Silk Rail Express", "CN", []enum.TransportMode{enum.ModeRail, enum.ModeMultimodal}},
	{"Baltic Feeder Line", "NL", []enum.TransportMode{enum.ModeSea}},
	{"Far East Shipping Agency", "RU", []enum.TransportMode{enum.ModeSea}},
	{"Orient Ocean Lines", "CN", []enum.TransportMode{enum.ModeSea, enum.ModeMultimodal}},
	{"Черноморская Линия", "RU", []enum.TransportMode{enum.ModeSea}},
	{"АэроКарго Сервис", "RU", []enum.TransportMode{enum.ModeAir}},
	{"SkyBridge Cargo", "AE", []enum.TransportMode{enum.ModeAir}},
	{"Полёт Логистик", "RU", []enum.TransportMode{enum.ModeAir, enum.ModeRoad}},
	{"Интермодал Плюс", "RU", []enum.TransportMode{enum.ModeMultimodal, enum.ModeRail, enum.ModeRoad}},
}

// inactiveCarriers are carriers we no longer work with.
var inactiveCarriers = map[string]bool{"ДальАвтоТранс": true, "Черноморская Линия": true}

type laneSpec struct {
	origin, destination string
	mode                enum.TransportMode
	// base price of one shipment in roubles
	base int64
	days int
}

var lanes = []laneSpec{
	{"Москва", "Санкт-Петербург", enum.ModeRoad, 65_000, 2},
	{"Москва", "Екатеринбург", enum.ModeRoad, 140_000, 4},
	{"Москва", "Казань", enum.ModeRoad, 75_000, 2},
	{"Санкт-Петербург", "Москва", enum.ModeRoad, 62_000, 2},
	{"Екатеринбург", "Новосибирск", enum.ModeRoad, 160_000, 4},
	{"Краснодар", "Москва", enum.ModeRoad, 110_000, 3},
	{"Нижний Новгород", "Самара", enum.ModeRoad, 70_000, 2},
	{"Челябинск", "Москва", enum.ModeRoad, 150_000, 4},
	{"Hamburg", "Москва", enum.ModeRoad, 420_000, 7},
	{"Minsk", "Москва", enum.ModeRoad, 95_000, 2},
	{"Milano", "Москва", enum.ModeRoad, 560_000, 9},
	{"Istanbul", "Краснодар", enum.ModeRoad, 380_000, 6},
	{"Москва", "Владивосток", enum.ModeRail, 480_000, 14},
	{"Новосибирск", "Москва", enum.ModeRail, 260_000, 9},
	{"Красноярск", "Санкт-Петербург", enum.ModeRail, 310_000, 11},
	{"Almaty", "Москва", enum.ModeRail, 340_000, 10},
	{"Shanghai", "Санкт-Петербург", enum.ModeSea, 690_000, 40},
	{"Shenzhen", "Новороссийск", enum.ModeSea, 720_000, 38},
	{"Rotterdam", "Санкт-Петербург", enum.ModeSea, 280_000, 8},
	{"Shanghai", "Владивосток", enum.ModeSea, 390_000, 12},
	{"Istanbul", "Новороссийск", enum.ModeSea, 210_000, 5},
	{"Dubai", "Москва", enum.ModeAir, 520_000, 2},
	{"Shenzhen", "Москва", enum.ModeAir, 880_000, 3},
	{"Москва", "Калининград", enum.ModeAir, 190_000, 1},
	{"Yiwu", "Москва", enum.ModeMultimodal, 610_000, 22},
	{"Shanghai", "Екатеринбург", enum.ModeMultimodal, 740_000, 26},
	{"Hamburg", "Новосибирск", enum.ModeMultimodal, 650_000, 18},
}

var lostReasons = []string{
	"Цена выше, чем у конкурента на 8%",
	"Клиент выбрал действующего перевозчика",
	"Не смогли подтвердить сроки на направлении",
	"Тендер отменён клиентом",
	"Не прошли квалификацию по страхованию груза",
	"Конкурент предложил отсрочку платежа",
}

var tenderTitles = []string{
	"Годовой контракт на автоперевозки", "Перевозки сырья на 2027 год", "Импорт из Китая: контейнерные перевозки",
	"Дистрибуция по регионам", "Экспорт продукции в Европу", "Железнодорожные перевозки металла",
	"Авиадоставка срочных грузов", "Мультимодальная логистика из Азии", "Перевозки с температурным режимом",
	"Снабжение строительных объектов",
}

var feedbackComments = map[int][]string{
	1: {"Сорвали сроки поставки, производство стояло", "Груз повреждён, никто не отвечает"},
	2: {"Опоздание на три дня без предупреждения", "Документы пришли с ошибками"},
	3: {"В целом нормально, но связь могла быть лучше", "Приемлемо, хотя цена высокая"},
	4: {"Хорошая работа, небольшая задержка", "Оперативно решили вопрос с таможней"},
	5: {"Отлично, всё вовремя", "Спасибо операционному менеджеру за контроль", "Лучший сервис из всех экспедиторов"},
}

// AdminEmail is the demo administrator's address.
func AdminEmail() string { return admin.email + "@" + EmailDomain }
