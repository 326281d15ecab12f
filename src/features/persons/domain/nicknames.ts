/**
 * Common English given names and the short forms people are known by. Referrers write the
 * name a child is called ("Alfie", "Katie"); records hold the registered one ("Alfred",
 * "Katherine"), and the other way round.
 *
 * Each line is one group: the canonical formal name, a colon, then spelling variants of the
 * formal name and its short forms. A short form may belong to several groups ("Alex",
 * "Sam", "Jo"); it then has several canonical names and matches each of them. Spelling
 * variants that only sound alike are left to the phonetic keys unless a short form needs them.
 */
const GROUPS = `
aaron: aron ron ronnie
abigail: abi abbie abby gail
adam: ade
adrian: ade adie
agnes: aggie nessa nessie
albert: al bert bertie albie
alexander: alex alec alick sandy xander lex alexandre alistair alasdair alastair
alexandra: alex alexa lexi lexie sandra sasha sacha zandra alix
alexis: alex lexi
alfred: alf alfie fred freddie freddy
alice: ally allie alicia alys
alison: ali ally allie allison
amanda: mandy manda
amelia: amy millie milly emilia
andrew: andy drew andie
angela: angie ange
anne: ann annie nan nancy nanette anna
anthony: tony ant antony
archibald: archie archy baldie
arthur: art artie
barbara: barb babs barbie
bartholomew: bart barty tolly
beatrice: bea bee trixie beatrix
benjamin: ben benny benji
bernard: bernie barney
bernadette: bernie detta
bradley: brad
brian: bri bryan
bridget: bridie biddy brigid
callum: cal calum
cameron: cam
caroline: carol carrie caz carolyn
catherine: katherine kathryn catharine katharine kate katie katy kat kathy cathy kitty kay cath kath cate
charles: charlie chas chaz chuck chic
charlotte: charlie lottie lotte char lotty
christian: chris kris
christina: chris chrissie tina christine kristina kristine kirsty
christopher: chris kit topher kris kristopher christoph
clara: clare claire clarissa
cornelius: neil con connie
cynthia: cindy cyn
daniel: dan danny dani
danielle: dani elle
david: dave davey davy dai
deborah: debbie deb debs debra
dennis: den denny
diana: di diane dianne
dominic: dom dominick
donald: don donnie
dorothy: dot dottie dolly dora
douglas: doug dougie
edmund: ed eddie ned ted edmond
edward: ed eddie eddy ned ted teddy
eleanor: ellie nell nellie elle nora lena elinor leonora
elizabeth: liz lizzie lizzy beth bess bessie betty libby eliza elsie lisa bet betsy liza elisabeth
ellen: ellie nell nellie
emily: em emmy millie milly emilie
emma: em emmie
eric: rick ricky
ernest: ernie
esther: essie hetty
eugene: gene
evelyn: eve evie
frances: fran fanny frankie francesca
francis: frank frankie fran
frederick: fred freddie freddy fredrick fritz
gabriel: gabe gabby
gabrielle: gabby gabi brie
geoffrey: geoff jeff jeffrey jeffery
george: georgie geordie
georgina: georgie gina georgia
gerald: gerry jerry ged
geraldine: gerry geri
gertrude: gertie trudy trudie
gilbert: gil bert
gregory: greg gregg
gwendolyn: gwen wendy gwendoline
harold: harry hal
harriet: hattie harry hetty
helen: nell nellie ellie lena helena
henry: harry hal hank hen
herbert: herb bert bertie
hugh: hughie hugo
isaac: ike zac
isabel: isabella isabelle izzy izzie bella belle isobel
jacob: jake jakey
jacqueline: jackie jacqui jacky
james: jim jimmy jamie jem jas
jane: janie jenny jan
janet: jan jenny jenette
jennifer: jen jenny jenna
jessica: jess jessie
joanna: jo joanne joann jo-anne jojo
john: jack johnny jon jonny jock johnnie
jonathan: jon jonny nathan jono
joseph: joe joey jo jos jody
josephine: jo jo-jo josie jojo
joshua: josh
judith: judy jude
julian: jules
juliet: jules julie juliette
katrina: trina kat
kenneth: ken kenny
kimberley: kim kimmy kimberly
laura: laurie lori
lawrence: larry laurie laurence
leonard: len lenny leo
leslie: les lesley
lewis: lew louie louis
louisa: lou lulu louise
lucy: lou lucie lucinda luce
madeleine: maddie maddy madeline madelyn
margaret: maggie meg peggy peg marge margie greta rita mags margot madge
marjorie: marge margie
martha: marty mattie patty
martin: marty
mary: molly polly mae may mamie maria marie mimi moll
matilda: tilly tillie mattie maud
matthew: matt matty
michael: mike mick mickey micky mikey mich
michelle: shelly michele shell
millicent: millie milly
mohammed: mohammad muhammad muhammed mohamed mohamad mo mohd
nathaniel: nathan nat nate nathanael
nicholas: nick nicky nico nicolas
nicola: nicky nikki nicole
oliver: ollie olly noll
olivia: liv livvy ollie livia
patricia: pat patty patsy trish tricia
patrick: pat paddy
penelope: penny pen
peter: pete
philip: phil pip phillip
phoebe: phebe
phyllis: phyl
priscilla: cilla prissy
rachel: rach rae
rebecca: becky becca bex beck
reginald: reg reggie rex
richard: rick ricky dick rich richie dickie
robert: rob robbie bob bobby bert rab robin
rodney: rod roddy
roger: rodge
ronald: ron ronnie
rosalind: ros roz rosie
rose: rosie rosa rosemary
samantha: sam sammy sammie
samuel: sam sammy
sarah: sally sadie sara
sebastian: seb bastian
sidney: sid syd sydney
simon: si
sophia: sophie sophy
stanley: stan
stephanie: steph stephie
stephen: steve stevie steven
stuart: stu stewart
susan: sue susie suzy suzanne susannah sukie
teresa: terri tess tessa theresa
terence: terry tel terrence
theodore: theo ted teddy
thomas: tom tommy thom
timothy: tim timmy
tobias: toby
valentine: val
valerie: val
victor: vic
victoria: vicky vicki tori vikki vic
vincent: vince vinny
violet: vi
virginia: ginny ginger
walter: walt wally
wilfred: wilf fred
william: bill billy will willie willy liam wills
winifred: winnie freda
yvonne: vonnie
zachary: zach zac zak zack
`;

/** Canonical names by any name in a group. */
const CANONICAL = new Map<string, string[]>();

for (const line of GROUPS.split('\n')) {
  const m = /^\s*([a-z]+):(.*)$/.exec(line);
  if (!m) continue;
  const canonical = m[1];
  // Hyphenated short forms ("jo-jo") are stored without the hyphen, as names are normalised.
  const names = [canonical, ...m[2].trim().split(/\s+/).filter(Boolean).map((n) => n.replace(/-/g, ''))];
  for (const n of names) {
    const list = CANONICAL.get(n) ?? [];
    if (!list.includes(canonical)) list.push(canonical);
    CANONICAL.set(n, list);
  }
}
for (const list of CANONICAL.values()) list.sort();

/** Number of name groups in the table (for the tests and the docs). */
export const NICKNAME_GROUP_COUNT = new Set([...CANONICAL.values()].flat()).size;

/**
 * The canonical formal names a (normalised, single) given name stands for. A name not in the
 * table is its own canonical name, so the result is never empty for a non-empty name.
 */
export function canonicalGivenNames(name: string): string[] {
  const n = name.toLowerCase().replace(/[^a-z]/g, '');
  if (!n) return [];
  return CANONICAL.get(n) ?? [n];
}

/** True when the two names are different but belong to one nickname group (Bill, William). */
export function isKnownNickname(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const ca = CANONICAL.get(a);
  const cb = CANONICAL.get(b);
  return !!ca && !!cb && ca.some((c) => cb.includes(c));
}
