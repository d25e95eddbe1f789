// A small corpus for character-level models: seven of Aesop's fables in George Fyler
// Townsend's English translation (1867), which is in the public domain. Kept to plain
// ASCII so the vocabulary stays small; one fable per line, title first.

#include "deepstep/sequences/sequence_datasets.hpp"

namespace deepstep::sequences {

std::string_view fableText() {
    static constexpr std::string_view text =
        "The Fox and the Grapes. A famished Fox saw some clusters of ripe black grapes hanging from a trellised "
        "vine. She resorted to all her tricks to get at them, but wearied herself in vain, for she could not reach "
        "them. At last she turned away, hiding her disappointment and saying: \"The Grapes are sour, and not ripe "
        "as I thought.\"\n"
        "The Hare and the Tortoise. A Hare one day ridiculed the short feet and slow pace of the Tortoise, who "
        "replied, laughing: \"Though you be swift as the wind, I will beat you in a race.\" The Hare, believing her "
        "assertion to be simply impossible, assented to the proposal; and they agreed that the Fox should choose "
        "the course and fix the goal. On the day appointed for the race the two started together. The Tortoise "
        "never for a moment stopped, but went on with a slow but steady pace straight to the end of the course. The "
        "Hare, lying down by the wayside, fell fast asleep. At last waking up, and moving as fast as he could, he "
        "saw the Tortoise had reached the goal, and was comfortably dozing after her fatigue. Slow but steady wins "
        "the race.\n"
        "The Ants and the Grasshopper. The Ants were spending a fine winter's day drying grain collected in the "
        "summertime. A Grasshopper, perishing with famine, passed by and earnestly begged for a little food. The "
        "Ants inquired of him, \"Why did you not treasure up food during the summer?\" He replied, \"I had not "
        "leisure enough. I passed the days in singing.\" They then said in derision: \"If you were foolish enough "
        "to sing all the summer, you must dance supperless to bed in the winter.\"\n"
        "The Shepherd's Boy and the Wolf. A Shepherd-boy, who watched a flock of sheep near a village, brought out "
        "the villagers three or four times by crying out, \"Wolf! Wolf!\" and when his neighbors came to help him, "
        "laughed at them for their pains. The Wolf, however, did truly come at last. The Shepherd-boy, now really "
        "alarmed, shouted in an agony of terror: \"Pray, do come and help me; the Wolf is killing the sheep\"; but "
        "no one paid any heed to his cries, nor rendered any assistance. The Wolf, having no cause of fear, at his "
        "leisure lacerated or destroyed the whole flock. There is no believing a liar, even when he speaks the "
        "truth.\n"
        "The Lion and the Mouse. A Lion was awakened from sleep by a Mouse running over his face. Rising up "
        "angrily, he caught him and was about to kill him, when the Mouse piteously entreated, saying: \"If you "
        "would only spare my life, I would be sure to repay your kindness.\" The Lion laughed and let him go. It "
        "happened shortly after this that the Lion was caught by some hunters, who bound him by strong ropes to "
        "the ground. The Mouse, recognizing his roar, came and gnawed the rope with his teeth, and set him free, "
        "exclaiming: \"You ridiculed the idea of my ever being able to help you, expecting to receive from me any "
        "repayment of your favor; now you know that it is possible for even a Mouse to confer benefits on a "
        "Lion.\"\n"
        "The North Wind and the Sun. The North Wind and the Sun disputed as to which was the most powerful, and "
        "agreed that he should be declared the victor who could first strip a wayfaring man of his clothes. The "
        "North Wind first tried his power and blew with all his might, but the keener his blasts, the closer the "
        "Traveler wrapped his cloak around him, until at last, resigning all hope of victory, the Wind called upon "
        "the Sun to see what he could do. The Sun suddenly shone out with all his warmth. The Traveler no sooner "
        "felt his genial rays than he took off one garment after another, and at last, fairly overcome with heat, "
        "undressed and bathed in a stream that lay in his path. Persuasion is better than Force.\n"
        "The Crow and the Pitcher. A Crow perishing with thirst saw a pitcher, and hoping to find water, flew to it "
        "with delight. When he reached it, he discovered to his grief that it contained so little water that he "
        "could not possibly get at it. He tried everything he could think of to reach the water, but all his "
        "efforts were in vain. At last he collected as many stones as he could carry and dropped them one by one "
        "with his beak into the pitcher, until he brought the water within his reach and thus saved his life. "
        "Necessity is the mother of invention.\n";
    return text;
}

}  // namespace deepstep::sequences
